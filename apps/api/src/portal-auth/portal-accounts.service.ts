import { Injectable } from '@nestjs/common';
import { ContactChannel, PortalSession } from '@fieldbook/contracts';
import { PasswordService } from '../auth/passwords/password.service';
import { SignInThrottleService } from '../auth/sessions/sign-in-throttle.service';
import { UnauthenticatedError } from '../common/domain-error';
import { PortalPrincipal } from '../common/request-context';
import { TenancyService } from '../tenancy/tenancy.service';

interface AccountRow {
  contact_id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  language: string | null;
  preferred_channel: ContactChannel | null;
  profile_pending: boolean;
  password_hash: string;
}

/**
 * A portal account as it may be used: its contact and the contact's account are active and the
 * contact has an email address (the sign-in name; unique in the environment, any case).
 */
const USABLE_ACCOUNT = `
  SELECT c.id AS contact_id, c.first_name, c.last_name, c.email, c.phone, c.language, c.preferred_channel,
         (pu.profile_completed_at IS NULL AND pu.profile_skipped_at IS NULL) AS profile_pending, pu.password_hash
    FROM portal_user pu
    JOIN contact c ON c.id = pu.contact_id
    JOIN account a ON a.id = c.account_id
   WHERE c.active AND a.active AND c.email IS NOT NULL`;

function toPrincipal(environmentId: string, row: AccountRow): PortalPrincipal {
  return {
    environmentId,
    contactId: row.contact_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    preferredChannel: row.preferred_channel,
    profilePending: row.profile_pending,
  };
}

export function toPortalSession(contact: PortalPrincipal): PortalSession {
  return {
    contact: {
      id: contact.contactId,
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      phone: contact.phone,
      language: contact.language,
      preferredChannel: contact.preferredChannel,
    },
    profilePending: contact.profilePending,
  };
}

/** The throttle counts a portal's sign-ins per environment, apart from the admins' and other portals'. */
export function signInKeys(throttle: SignInThrottleService, environmentId: string, email: string, address: string | undefined) {
  return throttle.keys(`portal:${environmentId}`, email, address);
}

/**
 * Portal accounts: who may sign in to a portal, and with what. A contact's portal account lives
 * in the contact's environment only, so the same email in another environment is another account.
 */
@Injectable()
export class PortalAccountsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly passwords: PasswordService,
    private readonly throttle: SignInThrottleService,
  ) {}

  /**
   * Checks an email and password for the portal of `environmentId` under the sign-in limits. An
   * unknown email and a wrong password get the same answer, take the same time and count the same
   * towards the lockout. Per-address limits are per portal too, so one portal under attack cannot
   * lock the customers of another out.
   */
  async verifyCredentials(environmentId: string, email: string, password: string, address: string | undefined): Promise<PortalPrincipal> {
    const { emailKey, addressKey } = signInKeys(this.throttle, environmentId, email, address);
    await this.throttle.assertNotLocked([emailKey, addressKey]);
    return this.tenancy.run(environmentId, async (manager) => {
      const [row]: AccountRow[] = await manager.query(`${USABLE_ACCOUNT} AND lower(c.email) = lower($1)`, [email.trim()]);
      const valid = await this.passwords.verify(row?.password_hash, password);
      if (!row || !valid) {
        await this.throttle.recordFailure(emailKey, addressKey);
        throw new UnauthenticatedError('invalidCredentials');
      }
      await this.throttle.recordSuccess(emailKey);
      await this.recordSignIn(row.contact_id);
      return toPrincipal(environmentId, row);
    });
  }

  /** The contact behind a stored portal login, or undefined when they may no longer sign in (deactivated, deleted, no email). */
  async principal(environmentId: string, contactId: string): Promise<PortalPrincipal | undefined> {
    return this.tenancy.run(environmentId, () => this.current(contactId));
  }

  /** As principal(), inside the current tenant transaction. */
  async current(contactId: string): Promise<PortalPrincipal | undefined> {
    const [row]: AccountRow[] = await this.tenancy.manager.query(`${USABLE_ACCOUNT} AND pu.contact_id = $1`, [contactId]);
    return row && toPrincipal(this.tenancy.environmentId, row);
  }

  /** The stored password hash of a usable account (for a password change). */
  async passwordHash(contactId: string): Promise<string | undefined> {
    const [row]: AccountRow[] = await this.tenancy.manager.query(`${USABLE_ACCOUNT} AND pu.contact_id = $1`, [contactId]);
    return row?.password_hash;
  }

  async recordSignIn(contactId: string): Promise<void> {
    await this.tenancy.manager.query(`UPDATE portal_user SET last_sign_in_at = now() WHERE contact_id = $1`, [contactId]);
  }

  /**
   * Ends the contact's portal sessions in this environment, all of them or all but `keepSessionId`,
   * in the current transaction: they are gone exactly when the password change is committed.
   */
  async endSessions(contactId: string, keepSessionId?: string): Promise<void> {
    await this.tenancy.manager.query(
      `DELETE FROM http_session
        WHERE realm = 'portal' AND data->'passport'->'user'->>'environmentId' = $1 AND data->'passport'->'user'->>'contactId' = $2
          AND sid IS DISTINCT FROM $3`,
      [this.tenancy.environmentId, contactId, keepSessionId ?? null],
    );
  }

  /** Sign-in failures of this email no longer count (after a reset proved the contact holds the address). */
  async clearSignInFailures(email: string): Promise<void> {
    const { emailKey } = signInKeys(this.throttle, this.tenancy.environmentId, email, undefined);
    await this.throttle.recordSuccess(emailKey);
  }
}
