import { ApiPropertyOptional } from '@nestjs/swagger';
import { CONTACT_CHANNELS, ContactChannel, CreateContactRequest, UpdateContactRequest } from '@fieldbook/contracts';
import { SUPPORTED_LANGUAGES } from '@fieldbook/i18n';
import { IsBoolean, IsOptional } from 'class-validator';
import { KeptTextField, PhoneField } from '../../../common/field-validators';
import { EmailField, OneOfField, TextField } from '../../../common/validation';

const LANGUAGE_DOC = 'Language of the messages and portal pages the contact gets; left out or null: the environment default';
const CHANNEL_DOC = 'How the contact prefers to be messaged; needs an email address for email, a phone number for SMS';

export class CreateContactDto implements CreateContactRequest {
  @TextField({ max: 100, example: 'Dana' })
  firstName: string;

  @TextField({ max: 100, example: 'Whitfield' })
  lastName: string;

  @EmailField({ optional: true })
  email?: string;

  @PhoneField()
  phone?: string;

  @OneOfField(SUPPORTED_LANGUAGES, { optional: true, description: LANGUAGE_DOC })
  language?: string;

  @OneOfField(CONTACT_CHANNELS, { optional: true, description: CHANNEL_DOC })
  preferredChannel?: ContactChannel;

  @TextField({ max: 100, optional: true, description: 'Your own identifier, used to match rows on CSV import' })
  externalKey?: string;
}

export class UpdateContactDto implements UpdateContactRequest {
  @KeptTextField({ max: 100 })
  firstName?: string;

  @KeptTextField({ max: 100 })
  lastName?: string;

  @EmailField({ optional: true })
  email?: string | null;

  @PhoneField()
  phone?: string | null;

  @OneOfField(SUPPORTED_LANGUAGES, { optional: true, description: LANGUAGE_DOC })
  language?: string | null;

  @OneOfField(CONTACT_CHANNELS, { optional: true, description: CHANNEL_DOC })
  preferredChannel?: ContactChannel | null;

  @TextField({ max: 100, optional: true, description: 'null clears it' })
  externalKey?: string | null;

  @ApiPropertyOptional({ description: 'false deactivates (refused with the reason while the contact reported open work orders); true reactivates' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
