import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, Technician, TechnicianSkill, TechnicianSummary } from '@fieldbook/contracts';
import { RequireRole } from '../auth/access';
import { CurrentAdmin } from '../common/current';
import { EntityId } from '../common/entity-id.pipe';
import { AdminPrincipal } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { CreateTechnicianDto, ReplaceTechnicianSkillsDto, SetTechnicianSkillDto, TechnicianListQueryDto, UpdateTechnicianDto } from './dto/technician.dto';
import { TechniciansService } from './technicians.service';

const TechnicianId = () => Param('technicianId', EntityId('technicianNotFound'));

@ApiTags('technicians')
@EnvironmentScoped()
@Controller('environments/:environmentId/technicians')
export class TechniciansController {
  constructor(private readonly technicians: TechniciansService) {}

  @Get()
  @ApiOperation({ summary: 'Technicians; search name, email or external key; sort by name, email, timeZone, createdAt or updatedAt; filter by skillId and active' })
  list(@Query() query: TechnicianListQueryDto): Promise<Page<TechnicianSummary>> {
    return this.technicians.list(query);
  }

  @Get(':technicianId')
  @ApiOperation({ summary: 'One technician with skills, weekly hours and upcoming time off' })
  get(@TechnicianId() id: string): Promise<Technician> {
    return this.technicians.get(id);
  }

  @Post()
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Create a technician, optionally with skills and weekly hours, all or nothing' })
  create(@Body() body: CreateTechnicianDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Technician> {
    return this.technicians.create(body, admin.id);
  }

  @Patch(':technicianId')
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Change fields, deactivate (active: false; 409 while bookings are upcoming) or reactivate a technician' })
  update(@TechnicianId() id: string, @Body() body: UpdateTechnicianDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Technician> {
    return this.technicians.update(id, body, admin.id);
  }

  @Delete(':technicianId')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a technician who never had a booking (409 otherwise: deactivate instead)' })
  remove(@TechnicianId() id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.technicians.remove(id, admin.id);
  }

  @Get(':technicianId/skills')
  @ApiOperation({ summary: 'The skills a technician holds' })
  skills(@TechnicianId() id: string): Promise<TechnicianSkill[]> {
    return this.technicians.skillsOf(id);
  }

  @Put(':technicianId/skills')
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Replace the full set of skills (each active, of this environment, proficiency 1–5)' })
  replaceSkills(@TechnicianId() id: string, @Body() body: ReplaceTechnicianSkillsDto, @CurrentAdmin() admin: AdminPrincipal): Promise<TechnicianSkill[]> {
    return this.technicians.replaceSkills(id, body.skills, admin.id);
  }

  @Put(':technicianId/skills/:skillId')
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Add one skill, or change its proficiency' })
  setSkill(
    @TechnicianId() id: string,
    @Param('skillId', EntityId('skillNotFound')) skillId: string,
    @Body() body: SetTechnicianSkillDto,
    @CurrentAdmin() admin: AdminPrincipal,
  ): Promise<TechnicianSkill[]> {
    return this.technicians.setSkill(id, skillId, body.proficiency, admin.id);
  }

  @Delete(':technicianId/skills/:skillId')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove one skill from a technician' })
  removeSkill(@TechnicianId() id: string, @Param('skillId', EntityId('technicianSkillNotFound')) skillId: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.technicians.removeSkill(id, skillId, admin.id);
  }
}
