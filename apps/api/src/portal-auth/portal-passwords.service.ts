import { Injectable } from '@nestjs/common';
import { PASSWORD_RESET_VALID_MINUTES } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { PasswordService } from '../auth/passwords/password.service';
import { SignInThrottleService } from '../auth/sessions/sign-in-throttle.service';
import { ConflictError, GoneError, NotFoundError, ValidationFailedError } from '../common/domain-error';
import { PortalPrincipal } from '../common/request-context';
import { NotificationPlanner } from '../notifications/notification-planner';
import { TenancyService } from '../tenancy/tenancy.service';
import { PortalAccountsService, signInKeys } from './portal-accounts.service';
import { hashPortalToken, isWellFormedPortalToken, newPortalToken } from './portal-token';

/**
 * Forgetting, resetting and changing a portal password. Every method runs in the portal's tenant
 * transaction (the request's).
 */
@Injectable()
export class PortalPasswordsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly passwords: PasswordService,
    private readonly throttle: SignInThrottleService,
    private readonly accounts: PortalAccountsService,
    private readonly planner: NotificationPlanner,
    private readonly audit: AuditService,
  ) {}

  /**
   * Sends a reset link when `email` belongs to a portal account here, and says nothing either way.
   * Requests are limited like sign-ins: past 5 for one email in 15 minutes the address gets no more
   * links for a while (the answer stays the same); past 20 from one client address, 429.
   */
  async requestReset(email: string, address: string | undefined): Promise<void> {
    const { emailKey, addressKey } = this.throttle.keys(`portal-reset:${this.tenancy.environmentId}`, email, address);
    await this.throttle.assertNotLocked([addressKey], 'tooManyPasswordResetRequests');
    const quiet = await this.throttle.isLocked(emailKey);
    await this.throttle.recordFailure(emailKey, addressKey);
    if (quiet) return;
    const [account]: { contact_id: string }[] = await this.tenancy.manager.query(
      `SELECT pu.contact_id FROM portal_user pu JOIN contact c ON c.id = pu.contact_id JOIN account a ON a.id = c.account_id
        WHERE lower(c.email) = lower($1) AND c.active AND a.active`,
      [email.trim()],
    );
    if (!account) return;
    const token = newPortalToken();
    await this.tenancy.manager.query(
      `INSERT INTO portal_password_reset (environment_id, token_hash, contact_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [this.tenancy.environmentId, hashPortalToken(token), account.contact_id, PASSWORD_RESET_VALID_MINUTES],
    );
    await this.planner.passwordReset(account.contact_id, token, PASSWORD_RESET_VALID_MINUTES);
  }

  /**
   * Sets a new password with a reset link's token: single use, within its hour. Every other reset
   * link of the contact stops working and every other portal session of the contact ends. The
   * caller signs the contact in afresh, which replaces `sessionId` (the requesting browser's): it is
   * left to that, since deleting it here would hold its row locked until the transaction ends while
   * the sign-in waits to delete it.
   */
  async reset(token: string, password: string, sessionId: string): Promise<PortalPrincipal> {
    if (!isWellFormedPortalToken(token)) throw new NotFoundError('passwordResetInvalid');
    const manager = this.tenancy.manager;
    const [reset]: { contact_id: string; used_at: Date | null; expired: boolean }[] = await manager.query(
      `SELECT contact_id, used_at, expires_at <= now() AS expired FROM portal_password_reset WHERE token_hash = $1 FOR UPDATE`,
      [hashPortalToken(token)],
    );
    if (!reset) throw new NotFoundError('passwordResetInvalid');
    if (reset.used_at) throw new ConflictError('passwordResetUsed');
    if (reset.expired) throw new GoneError('passwordResetExpired', { minutes: PASSWORD_RESET_VALID_MINUTES });
    const contact = await this.accounts.current(reset.contact_id);
    if (!contact) throw new NotFoundError('passwordResetInvalid');
    this.passwords.assertAcceptable(password);
    await this.setPassword(contact.contactId, password);
    await manager.query(`UPDATE portal_password_reset SET used_at = now() WHERE contact_id = $1 AND used_at IS NULL`, [contact.contactId]);
    await this.accounts.endSessions(contact.contactId, sessionId);
    await this.accounts.clearSignInFailures(contact.email);
    await this.accounts.recordSignIn(contact.contactId);
    await this.audit.record('portal.password_reset', null, { contactId: contact.contactId });
    return contact;
  }

  /**
   * Changes the signed-in contact's password after checking the current one (under the sign-in
   * limits: a wrong current password counts as a failed sign-in). The contact's other sessions end;
   * `sessionId`, the one making the change, stays.
   */
  async change(contact: PortalPrincipal, currentPassword: string, newPassword: string, address: string | undefined, sessionId: string): Promise<void> {
    const { emailKey, addressKey } = signInKeys(this.throttle, contact.environmentId, contact.email, address);
    await this.throttle.assertNotLocked([emailKey, addressKey]);
    const valid = await this.passwords.verify(await this.accounts.passwordHash(contact.contactId), currentPassword);
    if (!valid) {
      await this.throttle.recordFailure(emailKey, addressKey);
      throw new ValidationFailedError([{ field: 'currentPassword', code: 'api:errors.currentPasswordIncorrect' }]);
    }
    await this.throttle.recordSuccess(emailKey);
    this.passwords.assertAcceptable(newPassword, 'newPassword');
    await this.setPassword(contact.contactId, newPassword);
    await this.accounts.endSessions(contact.contactId, sessionId);
    await this.audit.record('portal.password_changed', null, { contactId: contact.contactId });
  }

  private async setPassword(contactId: string, password: string): Promise<void> {
    await this.tenancy.manager.query(`UPDATE portal_user SET password_hash = $2, password_changed_at = now() WHERE contact_id = $1`, [
      contactId,
      await this.passwords.hash(password),
    ]);
  }
}
