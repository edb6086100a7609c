import { MESSAGE_TYPES, MessageType, PutTemplateOverrideRequest, TemplatePreviewRequest } from '@fieldbook/contracts';
import { SUPPORTED_LANGUAGES } from '@fieldbook/i18n';
import { OneOfField, TextField } from '../../../common/validation';

export const SUBJECT_MAX = 200;
export const INTRO_MAX = 2000;
const PLACEHOLDERS = 'May use {{placeholders}}: message variables (contactFirstName, serviceName, date, time, …) and snippet keys';

export class PutTemplateOverrideDto implements PutTemplateOverrideRequest {
  @TextField({
    max: SUBJECT_MAX,
    optional: true,
    example: 'See you on {{date}}, {{contactFirstName}}',
    description: `Email subject; null or left out keeps the standard one. ${PLACEHOLDERS}`,
  })
  subject?: string | null;

  @TextField({ max: INTRO_MAX, optional: true, description: `Opening paragraph; null or left out keeps the standard one. ${PLACEHOLDERS}` })
  intro?: string | null;
}

export class TemplatePreviewDto implements TemplatePreviewRequest {
  @OneOfField(MESSAGE_TYPES)
  type: MessageType;

  @OneOfField(SUPPORTED_LANGUAGES)
  language: string;

  @TextField({ max: SUBJECT_MAX, optional: true, description: 'Unsaved subject to preview; left out: the stored override, null: the standard subject' })
  subject?: string | null;

  @TextField({ max: INTRO_MAX, optional: true, description: 'Unsaved intro to preview; left out: the stored override, null: the standard intro' })
  intro?: string | null;
}
