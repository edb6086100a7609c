import { Injectable } from '@nestjs/common';
import {
  CreateFunctionalLocationRequest,
  FunctionalLocation,
  FunctionalLocationListQuery,
  Page,
  UpdateFunctionalLocationRequest,
} from '@fieldbook/contracts';
import { AuditService } from '../../audit/audit.service';
import { BadRequestError, ConflictError, NotFoundError } from '../../common/domain-error';
import { TenancyService } from '../../tenancy/tenancy.service';
import { AccountsService } from '../accounts.service';
import { ADDRESS_COLUMNS, ADDRESS_FIELDS, AddressRow, addressValues, toAddress } from '../address';
import { Filters, activeTransition, assignments, deleteUnreferenced, listPage, withUniqueKeys } from '../customer-records';

interface FunctionalLocationRow extends AddressRow {
  id: string;
  account_id: string;
  external_key: string | null;
  name: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, account_id, external_key, name, ${ADDRESS_COLUMNS}, active, created_at, updated_at`;
const SORTABLE = { name: 'lower(name)', city: 'lower(city)', createdAt: 'created_at', updatedAt: 'updated_at' };
const FIELDS = { name: 'name', externalKey: 'external_key', active: 'active', ...ADDRESS_FIELDS };

function toFunctionalLocation(row: FunctionalLocationRow): FunctionalLocation {
  return {
    id: row.id,
    accountId: row.account_id,
    externalKey: row.external_key,
    name: row.name,
    ...toAddress(row),
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Places of an account where work happens, each with its own address, position and time zone. Always inside the request's tenant transaction. */
@Injectable()
export class FunctionalLocationsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
    private readonly accounts: AccountsService,
  ) {}

  list(query: FunctionalLocationListQuery): Promise<Page<FunctionalLocation>> {
    const filters = new Filters().active(query).search(query.q, ['name', 'external_key', 'city', 'address_line1']);
    if (query.accountId) filters.add((p) => `account_id = ${p}`, query.accountId);
    return listPage(this.tenancy.manager, query, {
      source: 'functional_location',
      columns: COLUMNS,
      sortable: SORTABLE,
      defaultSort: 'name',
      filters,
      toItem: toFunctionalLocation,
    });
  }

  async get(id: string): Promise<FunctionalLocation> {
    return toFunctionalLocation(await this.find(id));
  }

  /**
   * The location an asset of `accountId` is placed at: 404 when it does not exist here, 400 when it
   * belongs to another account, 409 when it is deactivated. Share-locked until the caller's
   * transaction ends, so it cannot be deactivated meanwhile.
   */
  async requireUsableFor(id: string, accountId: string): Promise<{ id: string; name: string }> {
    const location = await this.find(id, 'FOR SHARE');
    if (location.account_id !== accountId) throw new BadRequestError('functionalLocationOfOtherAccount', { name: location.name });
    if (!location.active) throw new ConflictError('functionalLocationInactive', { name: location.name });
    return { id: location.id, name: location.name };
  }

  async create(request: CreateFunctionalLocationRequest, actorId: string): Promise<FunctionalLocation> {
    const account = await this.accounts.requireActive(request.accountId);
    const [row]: FunctionalLocationRow[] = await withUniqueKeys('functional_location', request.externalKey, () =>
      this.tenancy.manager.query(
        `INSERT INTO functional_location (environment_id, account_id, external_key, name, ${ADDRESS_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${COLUMNS}`,
        [this.tenancy.environmentId, account.id, request.externalKey ?? null, request.name, ...addressValues(request)],
      ),
    );
    await this.audit.record('functionalLocation.created', actorId, { functionalLocationId: row.id, accountId: account.id, name: row.name });
    return toFunctionalLocation(row);
  }

  async update(id: string, change: UpdateFunctionalLocationRequest, actorId: string): Promise<FunctionalLocation> {
    const current = await this.find(id, change.active === false ? 'FOR UPDATE' : '');
    const transition = activeTransition(current.active, change.active);
    if (transition === 'reactivate') await this.accounts.requireActive(current.account_id);
    if (transition === 'deactivate') await this.assertDeactivatable(current);
    const params: unknown[] = [id];
    const [rows]: [FunctionalLocationRow[]] = await withUniqueKeys('functional_location', change.externalKey, () =>
      this.tenancy.manager.query(`UPDATE functional_location SET ${assignments(change, FIELDS, params)} WHERE id = $1 RETURNING ${COLUMNS}`, params),
    );
    const action =
      transition === 'deactivate' ? 'functionalLocation.deactivated' : transition === 'reactivate' ? 'functionalLocation.reactivated' : 'functionalLocation.updated';
    await this.audit.record(action, actorId, { functionalLocationId: id, accountId: current.account_id, name: rows[0].name, change });
    return toFunctionalLocation(rows[0]);
  }

  /** Deletes a location no asset or work order refers to; otherwise 409 with what refers to it. */
  async remove(id: string, actorId: string): Promise<void> {
    const location = await this.find(id, 'FOR UPDATE');
    const usage = await this.usage(id);
    if (usage.assets + usage.work_orders > 0) {
      throw new ConflictError('functionalLocationReferenced', { name: location.name, assets: usage.assets, workOrders: usage.work_orders });
    }
    await deleteUnreferenced(this.tenancy.manager, 'functional_location', id);
    await this.audit.record('functionalLocation.deleted', actorId, { functionalLocationId: id, accountId: location.account_id, name: location.name });
  }

  private async assertDeactivatable(location: FunctionalLocationRow): Promise<void> {
    const usage = await this.usage(location.id);
    if (usage.active_assets + usage.open_work_orders > 0) {
      throw new ConflictError('functionalLocationInUse', { name: location.name, assets: usage.active_assets, openWorkOrders: usage.open_work_orders });
    }
  }

  private async usage(id: string): Promise<{ active_assets: number; assets: number; open_work_orders: number; work_orders: number }> {
    const [usage] = await this.tenancy.manager.query(
      `SELECT a.active_assets, a.assets, w.open_work_orders, w.work_orders
         FROM (SELECT count(*) FILTER (WHERE active)::int AS active_assets, count(*)::int AS assets FROM asset WHERE functional_location_id = $1) a,
              (SELECT count(*) FILTER (WHERE status = 'scheduled')::int AS open_work_orders, count(*)::int AS work_orders
                 FROM work_order WHERE functional_location_id = $1) w`,
      [id],
    );
    return usage;
  }

  private async find(id: string, lock: '' | 'FOR SHARE' | 'FOR UPDATE' = ''): Promise<FunctionalLocationRow> {
    const rows: FunctionalLocationRow[] = await this.tenancy.manager.query(`SELECT ${COLUMNS} FROM functional_location WHERE id = $1 ${lock}`, [id]);
    if (!rows[0]) throw new NotFoundError('functionalLocationNotFound');
    return rows[0];
  }
}
