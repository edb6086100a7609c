import { UpdatePortalSettingsRequest } from '@fieldbook/contracts';
import { TextField } from '../../common/validation';

export class UpdatePortalSettingsDto implements UpdatePortalSettingsRequest {
  @TextField({ max: 120, optional: true, example: 'Northwind Heating & Air' })
  portalName?: string;
}
