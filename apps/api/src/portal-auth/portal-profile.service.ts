import { Injectable } from '@nestjs/common';
import { PortalSession, UpdatePortalProfileRequest } from '@fieldbook/contracts';
import { ContactsService } from '../accounts/contacts/contacts.service';
import { UnauthenticatedError } from '../common/domain-error';
import { PortalPrincipal } from '../common/request-context';
import { TenancyService } from '../tenancy/tenancy.service';
import { PortalAccountsService, toPortalSession } from './portal-accounts.service';

/**
 * The profile step after the first sign-in, and later edits: the contact changes their own contact
 * record by the rules the office's edits follow (ContactsService), never their email (the sign-in
 * name) or anything else.
 */
@Injectable()
export class PortalProfileService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly contacts: ContactsService,
    private readonly accounts: PortalAccountsService,
  ) {}

  async update(contact: PortalPrincipal, change: UpdatePortalProfileRequest): Promise<PortalSession> {
    const { firstName, lastName, phone, language, preferredChannel } = change;
    await this.contacts.update(contact.contactId, { firstName, lastName, phone, language, preferredChannel }, null);
    await this.tenancy.manager.query(`UPDATE portal_user SET profile_completed_at = coalesce(profile_completed_at, now()) WHERE contact_id = $1`, [
      contact.contactId,
    ]);
    return this.session(contact.contactId);
  }

  /** Skipping leaves the profile as it is and stops asking; a completed profile stays completed. */
  async skip(contact: PortalPrincipal): Promise<PortalSession> {
    await this.tenancy.manager.query(
      `UPDATE portal_user SET profile_skipped_at = now() WHERE contact_id = $1 AND profile_completed_at IS NULL AND profile_skipped_at IS NULL`,
      [contact.contactId],
    );
    return this.session(contact.contactId);
  }

  private async session(contactId: string): Promise<PortalSession> {
    const contact = await this.accounts.current(contactId);
    if (!contact) throw new UnauthenticatedError();
    return toPortalSession(contact);
  }
}
