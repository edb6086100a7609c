import { Injectable } from '@nestjs/common';
import { Contact, ContactChannel, ContactListQuery, CreateContactRequest, Page, UpdateContactRequest } from '@fieldbook/contracts';
import { AuditService } from '../../audit/audit.service';
import { ConflictError, FieldIssue, NotFoundError, ValidationFailedError } from '../../common/domain-error';
import { isUniqueViolation } from '../../common/pg-errors';
import { OutboxService } from '../../outbox/outbox.service';
import { TenancyService } from '../../tenancy/tenancy.service';
import { AccountsService } from '../accounts.service';
import { Filters, activeTransition, assignments, deleteUnreferenced, listPage, withUniqueKeys } from '../customer-records';

interface ContactRow {
  id: string;
  account_id: string;
  external_key: string | null;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  language: string | null;
  preferred_channel: ContactChannel | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, account_id, external_key, first_name, last_name, email, phone, language, preferred_channel, active, created_at, updated_at`;
const SORTABLE = { name: `lower(last_name || ' ' || first_name)`, email: 'lower(email)', createdAt: 'created_at', updatedAt: 'updated_at' };
const SEARCHED = ['first_name', 'last_name', `first_name || ' ' || last_name`, 'email', 'phone', 'external_key'];
const FIELDS = {
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  language: 'language',
  preferredChannel: 'preferred_channel',
  externalKey: 'external_key',
  active: 'active',
};

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    accountId: row.account_id,
    externalKey: row.external_key,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    language: row.language,
    preferredChannel: row.preferred_channel,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const fullName = (row: ContactRow) => `${row.first_name} ${row.last_name}`;

/** A preferred channel needs the means to use it: an address for email, a number for SMS. */
function assertReachable(contact: { email: string | null; phone: string | null; preferredChannel: ContactChannel | null }): void {
  const issues: FieldIssue[] = [];
  const channel = contact.preferredChannel;
  if ((channel === 'email' || channel === 'both') && !contact.email) issues.push({ field: 'email', code: 'requiredForEmail' });
  if ((channel === 'sms' || channel === 'both') && !contact.phone) issues.push({ field: 'phone', code: 'requiredForSms' });
  if (issues.length) throw new ValidationFailedError(issues);
}

/** The people of an account who book, get messages and may sign in to the portal. Always inside the request's tenant transaction. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
    private readonly accounts: AccountsService,
    private readonly outbox: OutboxService,
  ) {}

  async list(query: ContactListQuery): Promise<Page<Contact>> {
    const filters = new Filters().active(query).search(query.q, SEARCHED);
    if (query.accountId) filters.add((p) => `account_id = ${p}`, query.accountId);
    return listPage(this.tenancy.manager, query, { source: 'contact', columns: COLUMNS, sortable: SORTABLE, defaultSort: 'name', filters, toItem: toContact });
  }

  /** The contacts of one account; 404 when the account does not exist here. */
  async listOfAccount(accountId: string, query: ContactListQuery): Promise<Page<Contact>> {
    await this.accounts.get(accountId);
    return this.list({ ...query, accountId });
  }

  async get(id: string): Promise<Contact> {
    return toContact(await this.find(id));
  }

  async create(accountId: string, request: CreateContactRequest, actorId: string): Promise<Contact> {
    const account = await this.accounts.requireActive(accountId);
    assertReachable({ email: request.email ?? null, phone: request.phone ?? null, preferredChannel: request.preferredChannel ?? null });
    const [row]: ContactRow[] = await this.write(request, () =>
      this.tenancy.manager.query(
        `INSERT INTO contact (environment_id, account_id, external_key, first_name, last_name, email, phone, language, preferred_channel)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
        [
          this.tenancy.environmentId,
          account.id,
          request.externalKey ?? null,
          request.firstName,
          request.lastName,
          request.email ?? null,
          request.phone ?? null,
          request.language ?? null,
          request.preferredChannel ?? null,
        ],
      ),
    );
    await this.audit.record('contact.created', actorId, { contactId: row.id, accountId: account.id, name: fullName(row) });
    // Messaging invites the new contact (in this transaction) when invitations are on.
    await this.outbox.emit('contact.created', row.id, { accountId: account.id });
    return toContact(row);
  }

  /** `actorId` null: the contact changed their own profile in the portal. */
  async update(id: string, change: UpdateContactRequest, actorId: string | null): Promise<Contact> {
    const current = await this.find(id, change.active === false ? 'FOR UPDATE' : '');
    const transition = activeTransition(current.active, change.active);
    if (transition === 'reactivate') await this.accounts.requireActive(current.account_id);
    if (transition === 'deactivate') await this.assertDeactivatable(current);
    assertReachable({
      email: change.email === undefined ? current.email : change.email,
      phone: change.phone === undefined ? current.phone : change.phone,
      preferredChannel: change.preferredChannel === undefined ? current.preferred_channel : change.preferredChannel,
    });
    const params: unknown[] = [id];
    const [rows]: [ContactRow[]] = await this.write(change, () =>
      this.tenancy.manager.query(`UPDATE contact SET ${assignments(change, FIELDS, params)} WHERE id = $1 RETURNING ${COLUMNS}`, params),
    );
    const action = transition === 'deactivate' ? 'contact.deactivated' : transition === 'reactivate' ? 'contact.reactivated' : 'contact.updated';
    await this.audit.record(action, actorId, { contactId: id, accountId: current.account_id, name: fullName(rows[0]), change });
    return toContact(rows[0]);
  }

  /** Deletes a contact no work order names; otherwise 409 with the count. */
  async remove(id: string, actorId: string): Promise<void> {
    const contact = await this.find(id, 'FOR UPDATE');
    const { work_orders } = await this.usage(id);
    if (work_orders > 0) throw new ConflictError('contactReferenced', { name: fullName(contact), workOrders: work_orders });
    await deleteUnreferenced(this.tenancy.manager, 'contact', id);
    await this.audit.record('contact.deleted', actorId, { contactId: id, accountId: contact.account_id, name: fullName(contact) });
  }

  private async assertDeactivatable(contact: ContactRow): Promise<void> {
    const { open_work_orders } = await this.usage(contact.id);
    if (open_work_orders > 0) throw new ConflictError('contactInUse', { name: fullName(contact), openWorkOrders: open_work_orders });
  }

  private async usage(id: string): Promise<{ open_work_orders: number; work_orders: number }> {
    const [usage] = await this.tenancy.manager.query(
      `SELECT count(*) FILTER (WHERE status = 'scheduled')::int AS open_work_orders, count(*)::int AS work_orders
         FROM work_order WHERE reported_by_contact_id = $1`,
      [id],
    );
    return usage;
  }

  private async find(id: string, lock: '' | 'FOR UPDATE' = ''): Promise<ContactRow> {
    const rows: ContactRow[] = await this.tenancy.manager.query(`SELECT ${COLUMNS} FROM contact WHERE id = $1 ${lock}`, [id]);
    if (!rows[0]) throw new NotFoundError('contactNotFound');
    return rows[0];
  }

  private async write<T>(values: { email?: string | null; externalKey?: string | null }, run: () => Promise<T>): Promise<T> {
    try {
      return await withUniqueKeys('contact', values.externalKey, run);
    } catch (error) {
      if (isUniqueViolation(error, 'contact_email_key')) throw new ConflictError('contactEmailTaken', { email: values.email ?? '' });
      throw error;
    }
  }
}
