import { PASSWORD_MAX_LENGTH, SignUpRequest } from '@fieldbook/contracts';
import { SUPPORTED_LANGUAGES } from '@fieldbook/i18n';
import { EmailField, OneOfField, TextField } from '../../common/validation';

export class SignUpDto implements SignUpRequest {
  @TextField({ max: 200, example: 'Northwind Heating & Air' })
  organizationName: string;

  @TextField({ max: 200, example: 'Dana Reyes' })
  name: string;

  @EmailField()
  email: string;

  @TextField({ max: PASSWORD_MAX_LENGTH, trim: false, description: 'At least 12 characters, not a common password.' })
  password: string;

  @OneOfField(SUPPORTED_LANGUAGES, { optional: true, description: 'Preferred language of the admin console' })
  language?: string;
}
