import {
  AcceptPortalInvitationRequest,
  CONTACT_CHANNELS,
  ChangePasswordRequest,
  ContactChannel,
  ForgotPasswordRequest,
  PASSWORD_MAX_LENGTH,
  PortalSignInRequest,
  ResetPasswordRequest,
  UpdatePortalProfileRequest,
} from '@fieldbook/contracts';
import { SUPPORTED_LANGUAGES } from '@fieldbook/i18n';
import { KeptTextField, PhoneField } from '../../common/field-validators';
import { EmailField, OneOfField, TextField } from '../../common/validation';

const PASSWORD = { max: PASSWORD_MAX_LENGTH, trim: false } as const;

export class AcceptPortalInvitationDto implements AcceptPortalInvitationRequest {
  @TextField({ ...PASSWORD, description: 'At least 12 characters, not a common password' })
  password: string;
}

export class PortalSignInDto implements PortalSignInRequest {
  @EmailField()
  email: string;

  @TextField(PASSWORD)
  password: string;
}

export class ForgotPasswordDto implements ForgotPasswordRequest {
  @EmailField()
  email: string;
}

export class ResetPasswordDto implements ResetPasswordRequest {
  @TextField({ max: 100, description: 'The token from the reset link' })
  token: string;

  @TextField({ ...PASSWORD, description: 'The new password: at least 12 characters, not a common password' })
  password: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @TextField(PASSWORD)
  currentPassword: string;

  @TextField({ ...PASSWORD, description: 'At least 12 characters, not a common password' })
  newPassword: string;
}

export class UpdatePortalProfileDto implements UpdatePortalProfileRequest {
  @KeptTextField({ max: 100, example: 'Dana' })
  firstName?: string;

  @KeptTextField({ max: 100, example: 'Whitfield' })
  lastName?: string;

  @PhoneField()
  phone?: string | null;

  @OneOfField(SUPPORTED_LANGUAGES, { optional: true, description: 'Language of the portal and of the messages; null follows the company default' })
  language?: string | null;

  @OneOfField(CONTACT_CHANNELS, { optional: true, description: 'How to send messages; SMS needs a phone number; null follows the company setting' })
  preferredChannel?: ContactChannel | null;
}
