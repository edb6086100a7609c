import { CreateSkillRequest, UpdateSkillRequest } from '@fieldbook/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { TextField } from '../../common/validation';

export class CreateSkillDto implements CreateSkillRequest {
  @TextField({ max: 100, example: 'Gas furnace repair' })
  name: string;

  @TextField({ max: 100, optional: true, description: 'Your own identifier, used to match rows on CSV import' })
  externalKey?: string;
}

export class UpdateSkillDto implements UpdateSkillRequest {
  @TextField({ max: 100, optional: true })
  name?: string;

  @TextField({ max: 100, optional: true })
  externalKey?: string;

  @ApiPropertyOptional({ description: 'false deactivates: kept for history, no longer offered' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
