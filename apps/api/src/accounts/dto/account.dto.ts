import { ApiPropertyOptional } from '@nestjs/swagger';
import { CreateAccountRequest, UpdateAccountRequest } from '@fieldbook/contracts';
import { IsBoolean, IsOptional } from 'class-validator';
import { PhoneField, KeptTextField } from '../../common/field-validators';
import { EmailField, TextField } from '../../common/validation';
import { AddressChangeDto, AddressDto } from '../address';

export class CreateAccountDto extends AddressDto implements CreateAccountRequest {
  @TextField({ max: 200, example: 'Harbor View Apartments' })
  name: string;

  @EmailField({ optional: true })
  email?: string;

  @PhoneField()
  phone?: string;

  @TextField({ max: 100, optional: true, description: 'Your own identifier, used to match rows on CSV import' })
  externalKey?: string;
}

export class UpdateAccountDto extends AddressChangeDto implements UpdateAccountRequest {
  @KeptTextField({ max: 200 })
  name?: string;

  @EmailField({ optional: true })
  email?: string | null;

  @PhoneField()
  phone?: string | null;

  @TextField({ max: 100, optional: true, description: 'null clears it' })
  externalKey?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates (refused with the reason while contacts, locations, assets or open work orders remain); true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
