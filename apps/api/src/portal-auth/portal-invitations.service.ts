import { Injectable } from '@nestjs/common';
import { PortalInvitationPreview } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { PasswordService } from '../auth/passwords/password.service';
import { ConflictError, GoneError, NotFoundError } from '../common/domain-error';
import { PortalPrincipal } from '../common/request-context';
import { TenancyService } from '../tenancy/tenancy.service';
import { PortalAccountsService } from './portal-accounts.service';
import { hashPortalToken, isWellFormedPortalToken } from './portal-token';

interface InvitationRow {
  id: string;
  contact_id: string;
  first_name: string;
  email: string | null;
  expires_at: Date;
  accepted_at: Date | null;
  usable_contact: boolean;
  has_account: boolean;
}

/**
 * The invitation a contact receives (written, with its hashed token, when the invite message
 * renders): look at it, then accept it by choosing a password, which creates the contact's portal
 * account. Single use; runs in the portal's environment, so another portal never finds the token.
 */
@Injectable()
export class PortalInvitationsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly passwords: PasswordService,
    private readonly accounts: PortalAccountsService,
    private readonly audit: AuditService,
  ) {}

  async preview(token: string): Promise<PortalInvitationPreview> {
    const invitation = await this.usable(token, false);
    return { firstName: invitation.first_name, email: invitation.email, expiresAt: invitation.expires_at.toISOString() };
  }

  /** Creates the contact's portal account with `password` (the admins' password policy) and uses the invitation up. */
  async accept(token: string, password: string): Promise<PortalPrincipal> {
    const invitation = await this.usable(token, true);
    if (!invitation.email) throw new ConflictError('portalInvitationNoEmail');
    this.passwords.assertAcceptable(password);
    const manager = this.tenancy.manager;
    // A contact invited on two channels holds two tokens: the first accepted wins, the other is refused.
    const created: unknown[] = await manager.query(
      `INSERT INTO portal_user (environment_id, contact_id, password_hash, last_sign_in_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (environment_id, contact_id) DO NOTHING RETURNING contact_id`,
      [this.tenancy.environmentId, invitation.contact_id, await this.passwords.hash(password)],
    );
    if (created.length === 0) throw new ConflictError('portalAccountExists');
    await manager.query(`UPDATE contact_invitation SET accepted_at = now() WHERE id = $1`, [invitation.id]);
    await this.audit.record('portal.account_created', null, { contactId: invitation.contact_id });
    const contact = await this.accounts.current(invitation.contact_id);
    if (!contact) throw new NotFoundError('portalInvitationInvalid');
    return contact;
  }

  /**
   * The invitation behind a token, or the reason it cannot be used: 404 for an unknown token (a
   * malformed one, or the contact was deactivated), 409 once used or when the contact already has
   * an account, 410 once expired. `lock` holds it until the transaction ends (two accepts in a race).
   */
  private async usable(token: string, lock: boolean): Promise<InvitationRow> {
    if (!isWellFormedPortalToken(token)) throw new NotFoundError('portalInvitationInvalid');
    const [row]: InvitationRow[] = await this.tenancy.manager.query(
      `SELECT i.id, i.contact_id, c.first_name, c.email, i.expires_at, i.accepted_at, c.active AND a.active AS usable_contact,
              EXISTS (SELECT 1 FROM portal_user pu WHERE pu.contact_id = i.contact_id) AS has_account
         FROM contact_invitation i
         JOIN contact c ON c.id = i.contact_id
         JOIN account a ON a.id = c.account_id
        WHERE i.token_hash = $1 ${lock ? 'FOR UPDATE OF i' : ''}`,
      [hashPortalToken(token)],
    );
    if (!row || !row.usable_contact) throw new NotFoundError('portalInvitationInvalid');
    if (row.accepted_at) throw new ConflictError('portalInvitationUsed');
    if (row.has_account) throw new ConflictError('portalAccountExists');
    if (row.expires_at.getTime() <= Date.now()) throw new GoneError('portalInvitationExpired');
    return row;
  }
}
