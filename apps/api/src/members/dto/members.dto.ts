import { AcceptInvitationRequest, ChangeRoleRequest, InviteMemberRequest, PASSWORD_MAX_LENGTH, ROLES, Role } from '@fieldbook/contracts';
import { EmailField, OneOfField, TextField } from '../../common/validation';

export class InviteMemberDto implements InviteMemberRequest {
  @EmailField()
  email: string;

  @OneOfField(ROLES)
  role: Role;
}

export class ChangeRoleDto implements ChangeRoleRequest {
  @OneOfField(ROLES)
  role: Role;
}

export class AcceptInvitationDto implements AcceptInvitationRequest {
  @TextField({ max: 200, optional: true, description: 'Required when the invited email has no Fieldbook account yet' })
  name?: string;

  @TextField({ max: PASSWORD_MAX_LENGTH, trim: false })
  password: string;
}
