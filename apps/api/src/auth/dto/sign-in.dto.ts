import { PASSWORD_MAX_LENGTH, SignInRequest } from '@fieldbook/contracts';
import { EmailField, TextField } from '../../common/validation';

export class SignInDto implements SignInRequest {
  @EmailField()
  email: string;

  @TextField({ max: PASSWORD_MAX_LENGTH, trim: false })
  password: string;
}
