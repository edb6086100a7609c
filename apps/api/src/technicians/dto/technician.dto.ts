import {
  CreateTechnicianRequest,
  ReplaceTechnicianSkillsRequest,
  ReplaceWeeklyHoursRequest,
  SetTechnicianSkillRequest,
  TechnicianListQuery,
  TechnicianSkillAssignment,
  UpdateTechnicianRequest,
  WeeklyHoursInterval,
} from '@fieldbook/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { ListQueryDto } from '../../common/list-query';
import { BooleanQueryField, CoordinateField, NestedArrayField, UuidField } from '../../common/structured-fields';
import { EmailField, IntField, TextField } from '../../common/validation';

export class TechnicianSkillAssignmentDto implements TechnicianSkillAssignment {
  @UuidField()
  skillId: string;

  @IntField({ min: 1, max: 5 })
  proficiency: number;
}

export class WeeklyHoursIntervalDto implements WeeklyHoursInterval {
  @IntField({ min: 1, max: 7 })
  weekday: number;

  @TextField({ max: 5, example: '08:00', description: "HH:mm in the technician's time zone" })
  start: string;

  @TextField({ max: 5, example: '17:00', description: "HH:mm in the technician's time zone; '24:00' is the end of the day" })
  end: string;
}

const WEEKLY_HOURS_DOC = 'The whole weekly pattern (ISO weekday 1 = Monday … 7 = Sunday); stretches of one day must not overlap';

export class CreateTechnicianDto implements CreateTechnicianRequest {
  @TextField({ max: 200, example: 'Jordan Reyes' })
  name: string;

  @EmailField({ optional: true })
  email?: string;

  @TextField({ max: 30, optional: true, example: '+4930123456', description: 'International format with the country code' })
  phone?: string;

  @CoordinateField({ min: -90, max: 90, example: 52.52 })
  homeLat: number;

  @CoordinateField({ min: -180, max: 180, example: 13.405 })
  homeLng: number;

  @TextField({ max: 64, example: 'Europe/Berlin', description: 'IANA time zone; weekly hours are read in it' })
  timeZone: string;

  @TextField({ max: 100, optional: true, description: 'Your own identifier, used to match rows on CSV import' })
  externalKey?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @NestedArrayField(TechnicianSkillAssignmentDto, 'Skills held, each with a proficiency of 1–5')
  skills?: TechnicianSkillAssignmentDto[];

  @NestedArrayField(WeeklyHoursIntervalDto, WEEKLY_HOURS_DOC)
  weeklyHours?: WeeklyHoursIntervalDto[];
}

export class UpdateTechnicianDto implements UpdateTechnicianRequest {
  @TextField({ max: 200, optional: true })
  name?: string;

  @EmailField({ optional: true })
  email?: string | null;

  @TextField({ max: 30, optional: true, description: 'null removes it' })
  phone?: string | null;

  @CoordinateField({ min: -90, max: 90, optional: true, example: 52.52 })
  homeLat?: number;

  @CoordinateField({ min: -180, max: 180, optional: true, example: 13.405 })
  homeLng?: number;

  @TextField({ max: 64, optional: true, example: 'Europe/Berlin' })
  timeZone?: string;

  @TextField({ max: 100, optional: true, description: 'null removes it' })
  externalKey?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates (refused while the technician has upcoming bookings); true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class TechnicianListQueryDto extends ListQueryDto implements TechnicianListQuery {
  @UuidField({ optional: true, description: 'Only technicians holding this skill' })
  skillId?: string;

  @BooleanQueryField('Only active (true) or only deactivated (false) technicians; overrides includeInactive')
  active?: boolean;
}

export class ReplaceTechnicianSkillsDto implements ReplaceTechnicianSkillsRequest {
  @NestedArrayField(TechnicianSkillAssignmentDto, 'The full set of skills; an empty array removes all', false)
  skills: TechnicianSkillAssignmentDto[];
}

export class SetTechnicianSkillDto implements SetTechnicianSkillRequest {
  @IntField({ min: 1, max: 5 })
  proficiency: number;
}

export class ReplaceWeeklyHoursDto implements ReplaceWeeklyHoursRequest {
  @NestedArrayField(WeeklyHoursIntervalDto, `${WEEKLY_HOURS_DOC}; an empty array means no working hours`, false)
  weeklyHours: WeeklyHoursIntervalDto[];
}
