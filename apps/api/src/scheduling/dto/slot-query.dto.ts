import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ServiceLocationQuery, SlotQuery } from '@fieldbook/contracts';
import { TextField } from '../../common/validation';

/** Where the work happens: one of asset, functional location or account (an asset wins over the others). */
export class ServiceLocationDto implements ServiceLocationQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The account; its address is used unless an asset or functional location is given' })
  @IsOptional()
  @IsUUID()
  accountId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The asset; served at its functional location, else at its account's address" })
  @IsOptional()
  @IsUUID()
  assetId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A functional location of the account' })
  @IsOptional()
  @IsUUID()
  functionalLocationId?: string;
}

export class SlotQueryDto extends ServiceLocationDto implements SlotQuery {
  @TextField({ max: 36, description: 'The service type (incident type) id' })
  @IsUUID()
  serviceTypeId: string;

  @TextField({ max: 10, example: '2026-12-01', description: "First local date (YYYY-MM-DD) in the service location's zone" })
  from: string;

  @TextField({ max: 10, example: '2026-12-14', description: 'Last local date (YYYY-MM-DD), inclusive' })
  to: string;
}
