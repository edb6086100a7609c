import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, Skill } from '@fieldbook/contracts';
import { RequireRole } from '../auth/access';
import { CurrentAdmin } from '../common/current';
import { EntityId } from '../common/entity-id.pipe';
import { ListQueryDto } from '../common/list-query';
import { AdminPrincipal } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { CreateSkillDto, UpdateSkillDto } from './dto/skill.dto';
import { SkillsService } from './skills.service';

@ApiTags('skills')
@EnvironmentScoped()
@Controller('environments/:environmentId/skills')
export class SkillsController {
  constructor(private readonly skills: SkillsService) {}

  @Get()
  @ApiOperation({ summary: 'Skills; search by name, sort by name, createdAt or updatedAt' })
  list(@Query() query: ListQueryDto): Promise<Page<Skill>> {
    return this.skills.list(query);
  }

  @Get(':skillId')
  @ApiOperation({ summary: 'One skill' })
  get(@Param('skillId', EntityId('skillNotFound')) id: string): Promise<Skill> {
    return this.skills.get(id);
  }

  @Post()
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Create a skill' })
  create(@Body() body: CreateSkillDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Skill> {
    return this.skills.create(body, admin.id);
  }

  @Patch(':skillId')
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Rename, re-key, deactivate (active: false) or reactivate a skill' })
  update(@Param('skillId', EntityId('skillNotFound')) id: string, @Body() body: UpdateSkillDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Skill> {
    return this.skills.update(id, body, admin.id);
  }

  @Delete(':skillId')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an unused skill (409 with the reason when technicians or service types use it)' })
  remove(@Param('skillId', EntityId('skillNotFound')) id: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.skills.remove(id, admin.id);
  }
}
