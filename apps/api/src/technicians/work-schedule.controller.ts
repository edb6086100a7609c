import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, TimeOff, WeeklyHoursInterval } from '@fieldbook/contracts';
import { RequireRole } from '../auth/access';
import { CurrentAdmin } from '../common/current';
import { EntityId } from '../common/entity-id.pipe';
import { AdminPrincipal } from '../common/request-context';
import { EnvironmentScoped } from '../tenancy/environment-access.guard';
import { ReplaceWeeklyHoursDto } from './dto/technician.dto';
import { CreateTimeOffDto, TimeOffListQueryDto } from './dto/time-off.dto';
import { WorkScheduleService } from './work-schedule.service';

const TechnicianId = () => Param('technicianId', EntityId('technicianNotFound'));

@ApiTags('technicians')
@EnvironmentScoped()
@Controller('environments/:environmentId/technicians/:technicianId')
export class WorkScheduleController {
  constructor(private readonly schedule: WorkScheduleService) {}

  @Get('weekly-hours')
  @ApiOperation({ summary: "The weekly working pattern, in the technician's time zone" })
  weeklyHours(@TechnicianId() id: string): Promise<WeeklyHoursInterval[]> {
    return this.schedule.weeklyHours(id);
  }

  @Put('weekly-hours')
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Replace the whole weekly pattern at once (400 with per-item details for malformed, reversed or overlapping stretches)' })
  replaceWeeklyHours(@TechnicianId() id: string, @Body() body: ReplaceWeeklyHoursDto, @CurrentAdmin() admin: AdminPrincipal): Promise<WeeklyHoursInterval[]> {
    return this.schedule.replaceWeeklyHours(id, body.weeklyHours, admin.id);
  }

  @Get('time-off')
  @ApiOperation({ summary: 'Time off, earliest first; current and upcoming unless includePast=true' })
  listTimeOff(@TechnicianId() id: string, @Query() query: TimeOffListQueryDto): Promise<Page<TimeOff>> {
    return this.schedule.listTimeOff(id, query);
  }

  @Post('time-off')
  @RequireRole('owner', 'admin')
  @ApiOperation({ summary: 'Add time off (ISO 8601 times with an offset; the end after the start)' })
  createTimeOff(@TechnicianId() id: string, @Body() body: CreateTimeOffDto, @CurrentAdmin() admin: AdminPrincipal): Promise<TimeOff> {
    return this.schedule.createTimeOff(id, body, admin.id);
  }

  @Delete('time-off/:timeOffId')
  @RequireRole('owner', 'admin')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove time off' })
  deleteTimeOff(@TechnicianId() id: string, @Param('timeOffId', EntityId('timeOffNotFound')) timeOffId: string, @CurrentAdmin() admin: AdminPrincipal): Promise<void> {
    return this.schedule.deleteTimeOff(id, timeOffId, admin.id);
  }
}
