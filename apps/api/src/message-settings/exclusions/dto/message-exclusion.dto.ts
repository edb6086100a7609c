import { CreateMessageExclusionRequest, MessageExclusionKind } from '@fieldbook/contracts';
import { UuidField } from '../../../common/structured-fields';
import { OneOfField } from '../../../common/validation';

export const EXCLUSION_KINDS: readonly MessageExclusionKind[] = ['account', 'serviceType'];

export class CreateMessageExclusionDto implements CreateMessageExclusionRequest {
  @OneOfField(EXCLUSION_KINDS, { description: 'What to silence: every message about an account, or about a service type' })
  kind: MessageExclusionKind;

  @UuidField({ description: 'The id of the account or service type; it must exist in this environment' })
  targetId: string;
}
