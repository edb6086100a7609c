import { ApiPropertyOptional } from '@nestjs/swagger';
import { CreateFunctionalLocationRequest, UpdateFunctionalLocationRequest } from '@fieldbook/contracts';
import { IsBoolean, IsOptional } from 'class-validator';
import { KeptTextField } from '../../../common/field-validators';
import { UuidField } from '../../../common/structured-fields';
import { TextField } from '../../../common/validation';
import { AddressChangeDto, AddressDto } from '../../address';

export class CreateFunctionalLocationDto extends AddressDto implements CreateFunctionalLocationRequest {
  @UuidField({ description: 'The account the location belongs to (cannot be changed later)' })
  accountId: string;

  @TextField({ max: 200, example: 'Building B – plant room' })
  name: string;

  @TextField({ max: 100, optional: true, description: 'Your own identifier, used to match rows on CSV import' })
  externalKey?: string;
}

export class UpdateFunctionalLocationDto extends AddressChangeDto implements UpdateFunctionalLocationRequest {
  @KeptTextField({ max: 200 })
  name?: string;

  @TextField({ max: 100, optional: true, description: 'null clears it' })
  externalKey?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates (refused with the reason while active assets or open work orders are there); true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
