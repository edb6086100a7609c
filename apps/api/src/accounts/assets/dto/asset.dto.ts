import { ApiPropertyOptional } from '@nestjs/swagger';
import { CreateAssetRequest, UpdateAssetRequest } from '@fieldbook/contracts';
import { IsBoolean, IsOptional } from 'class-validator';
import { KeptTextField } from '../../../common/field-validators';
import { UuidField } from '../../../common/structured-fields';
import { TextField } from '../../../common/validation';

export class CreateAssetDto implements CreateAssetRequest {
  @UuidField({ description: 'The account the asset belongs to (cannot be changed later)' })
  accountId: string;

  @UuidField({ optional: true, description: "A functional location of the same account; without one the asset is serviced at the account's address" })
  functionalLocationId?: string;

  @TextField({ max: 200, example: 'Rooftop unit 2' })
  name: string;

  @TextField({ max: 100, optional: true, example: 'RTU-48812-B' })
  serialNumber?: string;

  @TextField({ max: 100, optional: true, description: 'Your own identifier, used to match rows on CSV import' })
  externalKey?: string;
}

export class UpdateAssetDto implements UpdateAssetRequest {
  @UuidField({ optional: true, description: "A functional location of the asset's account; null: serviced at the account's address" })
  functionalLocationId?: string | null;

  @KeptTextField({ max: 200 })
  name?: string;

  @TextField({ max: 100, optional: true, description: 'null clears it' })
  serialNumber?: string | null;

  @TextField({ max: 100, optional: true, description: 'null clears it' })
  externalKey?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates (refused with the reason while open work orders are for it); true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
