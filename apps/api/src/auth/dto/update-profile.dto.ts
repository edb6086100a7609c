import { SUPPORTED_LANGUAGES } from '@fieldbook/i18n';
import { OneOfField, TextField } from '../../common/validation';

export class UpdateProfileDto {
  @TextField({ max: 200, optional: true })
  name?: string;

  @OneOfField(SUPPORTED_LANGUAGES, { optional: true })
  language?: string;
}
