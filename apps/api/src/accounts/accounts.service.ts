import { Injectable } from '@nestjs/common';
import { Account, CreateAccountRequest, CustomerListQuery, Page, UpdateAccountRequest } from '@fieldbook/contracts';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError } from '../common/domain-error';
import { TenancyService } from '../tenancy/tenancy.service';
import { ADDRESS_COLUMNS, ADDRESS_FIELDS, AddressRow, addressValues, toAddress } from './address';
import { Filters, activeTransition, assignments, deleteUnreferenced, listPage, withUniqueKeys } from './customer-records';

interface AccountRow extends AddressRow {
  id: string;
  external_key: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, external_key, name, email, phone, ${ADDRESS_COLUMNS}, active, created_at, updated_at`;
const SORTABLE = { name: 'lower(name)', city: 'lower(city)', createdAt: 'created_at', updatedAt: 'updated_at' };
const FIELDS = { name: 'name', email: 'email', phone: 'phone', externalKey: 'external_key', active: 'active', ...ADDRESS_FIELDS };

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    externalKey: row.external_key,
    name: row.name,
    email: row.email,
    phone: row.phone,
    ...toAddress(row),
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What still depends on an account: active records and open work orders block deactivation, any record blocks deletion. */
interface AccountUsage {
  active_contacts: number;
  contacts: number;
  active_functional_locations: number;
  functional_locations: number;
  active_assets: number;
  assets: number;
  open_work_orders: number;
  work_orders: number;
}

/** Accounts: the customers (households or businesses) work is done for. Always inside the request's tenant transaction. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  list(query: CustomerListQuery): Promise<Page<Account>> {
    const filters = new Filters().active(query).search(query.q, ['name', 'external_key', 'city']);
    return listPage(this.tenancy.manager, query, { source: 'account', columns: COLUMNS, sortable: SORTABLE, defaultSort: 'name', filters, toItem: toAccount });
  }

  async get(id: string): Promise<Account> {
    return toAccount(await this.find(id));
  }

  /**
   * The account new or reactivated records are attached to; 404 when it does not exist here, 409
   * when it is deactivated. Holds a share lock so that the account cannot be deactivated or
   * deleted until the caller's transaction ends.
   */
  async requireActive(id: string): Promise<{ id: string; name: string }> {
    const account = await this.find(id, 'FOR SHARE');
    if (!account.active) throw new ConflictError('accountInactive', { name: account.name });
    return { id: account.id, name: account.name };
  }

  async create(request: CreateAccountRequest, actorId: string): Promise<Account> {
    const [row]: AccountRow[] = await withUniqueKeys('account', request.externalKey, () =>
      this.tenancy.manager.query(
        `INSERT INTO account (environment_id, external_key, name, email, phone, ${ADDRESS_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${COLUMNS}`,
        [this.tenancy.environmentId, request.externalKey ?? null, request.name, request.email ?? null, request.phone ?? null, ...addressValues(request)],
      ),
    );
    await this.audit.record('account.created', actorId, { accountId: row.id, name: row.name });
    return toAccount(row);
  }

  async update(id: string, change: UpdateAccountRequest, actorId: string): Promise<Account> {
    // Deactivation locks the row first, so no contact, asset or work order can be added while it is checked.
    const current = await this.find(id, change.active === false ? 'FOR UPDATE' : '');
    const transition = activeTransition(current.active, change.active);
    if (transition === 'deactivate') await this.assertDeactivatable(current);
    const params: unknown[] = [id];
    const [rows]: [AccountRow[]] = await withUniqueKeys('account', change.externalKey, () =>
      this.tenancy.manager.query(`UPDATE account SET ${assignments(change, FIELDS, params)} WHERE id = $1 RETURNING ${COLUMNS}`, params),
    );
    const action = transition === 'deactivate' ? 'account.deactivated' : transition === 'reactivate' ? 'account.reactivated' : 'account.updated';
    await this.audit.record(action, actorId, { accountId: id, name: rows[0].name, change });
    return toAccount(rows[0]);
  }

  /** Deletes an account nothing refers to; otherwise 409 with what still refers to it. */
  async remove(id: string, actorId: string): Promise<void> {
    const account = await this.find(id, 'FOR UPDATE');
    const usage = await this.usage(id);
    if (usage.contacts + usage.functional_locations + usage.assets + usage.work_orders > 0) {
      throw new ConflictError('accountReferenced', {
        name: account.name,
        contacts: usage.contacts,
        functionalLocations: usage.functional_locations,
        assets: usage.assets,
        workOrders: usage.work_orders,
      });
    }
    await deleteUnreferenced(this.tenancy.manager, 'account', id);
    await this.audit.record('account.deleted', actorId, { accountId: id, name: account.name });
  }

  private async assertDeactivatable(account: AccountRow): Promise<void> {
    const usage = await this.usage(account.id);
    if (usage.active_contacts + usage.active_functional_locations + usage.active_assets + usage.open_work_orders > 0) {
      throw new ConflictError('accountInUse', {
        name: account.name,
        contacts: usage.active_contacts,
        functionalLocations: usage.active_functional_locations,
        assets: usage.active_assets,
        openWorkOrders: usage.open_work_orders,
      });
    }
  }

  private async usage(id: string): Promise<AccountUsage> {
    const [usage]: [AccountUsage] = await this.tenancy.manager.query(
      `SELECT c.active_contacts, c.contacts, f.active_functional_locations, f.functional_locations,
              a.active_assets, a.assets, w.open_work_orders, w.work_orders
         FROM (SELECT count(*) FILTER (WHERE active)::int AS active_contacts, count(*)::int AS contacts FROM contact WHERE account_id = $1) c,
              (SELECT count(*) FILTER (WHERE active)::int AS active_functional_locations, count(*)::int AS functional_locations
                 FROM functional_location WHERE account_id = $1) f,
              (SELECT count(*) FILTER (WHERE active)::int AS active_assets, count(*)::int AS assets FROM asset WHERE account_id = $1) a,
              (SELECT count(*) FILTER (WHERE status = 'scheduled')::int AS open_work_orders, count(*)::int AS work_orders
                 FROM work_order WHERE account_id = $1) w`,
      [id],
    );
    return usage;
  }

  private async find(id: string, lock: '' | 'FOR SHARE' | 'FOR UPDATE' = ''): Promise<AccountRow> {
    const rows: AccountRow[] = await this.tenancy.manager.query(`SELECT ${COLUMNS} FROM account WHERE id = $1 ${lock}`, [id]);
    if (!rows[0]) throw new NotFoundError('accountNotFound');
    return rows[0];
  }
}
