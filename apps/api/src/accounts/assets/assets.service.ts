import { Injectable } from '@nestjs/common';
import { Asset, AssetListQuery, CreateAssetRequest, Page, UpdateAssetRequest } from '@fieldbook/contracts';
import { AuditService } from '../../audit/audit.service';
import { ConflictError, NotFoundError } from '../../common/domain-error';
import { TenancyService } from '../../tenancy/tenancy.service';
import { AccountsService } from '../accounts.service';
import { Filters, activeTransition, assignments, deleteUnreferenced, listPage, withUniqueKeys } from '../customer-records';
import { FunctionalLocationsService } from '../functional-locations/functional-locations.service';

interface AssetRow {
  id: string;
  account_id: string;
  functional_location_id: string | null;
  external_key: string | null;
  name: string;
  serial_number: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, account_id, functional_location_id, external_key, name, serial_number, active, created_at, updated_at`;
const SORTABLE = { name: 'lower(name)', serialNumber: 'lower(serial_number)', createdAt: 'created_at', updatedAt: 'updated_at' };
const FIELDS = { functionalLocationId: 'functional_location_id', name: 'name', serialNumber: 'serial_number', externalKey: 'external_key', active: 'active' };

function toAsset(row: AssetRow): Asset {
  return {
    id: row.id,
    accountId: row.account_id,
    functionalLocationId: row.functional_location_id,
    externalKey: row.external_key,
    name: row.name,
    serialNumber: row.serial_number,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Equipment of an account that gets serviced, optionally at one of the account's functional locations. Always inside the request's tenant transaction. */
@Injectable()
export class AssetsService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
    private readonly accounts: AccountsService,
    private readonly locations: FunctionalLocationsService,
  ) {}

  list(query: AssetListQuery): Promise<Page<Asset>> {
    const filters = new Filters().active(query).search(query.q, ['name', 'serial_number', 'external_key']);
    if (query.accountId) filters.add((p) => `account_id = ${p}`, query.accountId);
    if (query.functionalLocationId) filters.add((p) => `functional_location_id = ${p}`, query.functionalLocationId);
    return listPage(this.tenancy.manager, query, { source: 'asset', columns: COLUMNS, sortable: SORTABLE, defaultSort: 'name', filters, toItem: toAsset });
  }

  async get(id: string): Promise<Asset> {
    return toAsset(await this.find(id));
  }

  async create(request: CreateAssetRequest, actorId: string): Promise<Asset> {
    const account = await this.accounts.requireActive(request.accountId);
    if (request.functionalLocationId) await this.locations.requireUsableFor(request.functionalLocationId, account.id);
    const [row]: AssetRow[] = await withUniqueKeys('asset', request.externalKey, () =>
      this.tenancy.manager.query(
        `INSERT INTO asset (environment_id, account_id, functional_location_id, external_key, name, serial_number)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
        [this.tenancy.environmentId, account.id, request.functionalLocationId ?? null, request.externalKey ?? null, request.name, request.serialNumber ?? null],
      ),
    );
    await this.audit.record('asset.created', actorId, { assetId: row.id, accountId: account.id, name: row.name });
    return toAsset(row);
  }

  async update(id: string, change: UpdateAssetRequest, actorId: string): Promise<Asset> {
    const current = await this.find(id, change.active === false ? 'FOR UPDATE' : '');
    const transition = activeTransition(current.active, change.active);
    if (transition === 'deactivate') await this.assertDeactivatable(current);
    if (transition === 'reactivate') await this.accounts.requireActive(current.account_id);
    const location = change.functionalLocationId === undefined ? current.functional_location_id : change.functionalLocationId;
    // A new location must be usable; so must the current one when the asset comes back into use.
    if (location && (location !== current.functional_location_id || transition === 'reactivate')) {
      await this.locations.requireUsableFor(location, current.account_id);
    }
    const params: unknown[] = [id];
    const [rows]: [AssetRow[]] = await withUniqueKeys('asset', change.externalKey, () =>
      this.tenancy.manager.query(`UPDATE asset SET ${assignments(change, FIELDS, params)} WHERE id = $1 RETURNING ${COLUMNS}`, params),
    );
    const action = transition === 'deactivate' ? 'asset.deactivated' : transition === 'reactivate' ? 'asset.reactivated' : 'asset.updated';
    await this.audit.record(action, actorId, { assetId: id, accountId: current.account_id, name: rows[0].name, change });
    return toAsset(rows[0]);
  }

  /** Deletes an asset no work order refers to; otherwise 409 with the count. */
  async remove(id: string, actorId: string): Promise<void> {
    const asset = await this.find(id, 'FOR UPDATE');
    const { work_orders } = await this.usage(id);
    if (work_orders > 0) throw new ConflictError('assetReferenced', { name: asset.name, workOrders: work_orders });
    await deleteUnreferenced(this.tenancy.manager, 'asset', id);
    await this.audit.record('asset.deleted', actorId, { assetId: id, accountId: asset.account_id, name: asset.name });
  }

  private async assertDeactivatable(asset: AssetRow): Promise<void> {
    const { open_work_orders } = await this.usage(asset.id);
    if (open_work_orders > 0) throw new ConflictError('assetInUse', { name: asset.name, openWorkOrders: open_work_orders });
  }

  private async usage(id: string): Promise<{ open_work_orders: number; work_orders: number }> {
    const [usage] = await this.tenancy.manager.query(
      `SELECT count(*) FILTER (WHERE status = 'scheduled')::int AS open_work_orders, count(*)::int AS work_orders FROM work_order WHERE asset_id = $1`,
      [id],
    );
    return usage;
  }

  private async find(id: string, lock: '' | 'FOR UPDATE' = ''): Promise<AssetRow> {
    const rows: AssetRow[] = await this.tenancy.manager.query(`SELECT ${COLUMNS} FROM asset WHERE id = $1 ${lock}`, [id]);
    if (!rows[0]) throw new NotFoundError('assetNotFound');
    return rows[0];
  }
}
