import { Injectable } from '@nestjs/common';
import { Branding, UpdateBrandingRequest } from '@fieldbook/contracts';
import { AuditService } from '../../audit/audit.service';
import { FieldIssue, NotFoundError } from '../../common/domain-error';
import { TenancyService } from '../../tenancy/tenancy.service';
import { assertNoIssues, issueCode } from '../message-input';

interface BrandingRow {
  portal_name: string;
  brand_primary_color: string;
  brand_accent_color: string;
  brand_font: Branding['font'];
  brand_logo_url: string | null;
  brand_header_image_url: string | null;
}

const COLUMNS = `portal_name, brand_primary_color, brand_accent_color, brand_font, brand_logo_url, brand_header_image_url`;
const FIELDS: Record<keyof Branding, keyof BrandingRow> = {
  primaryColor: 'brand_primary_color',
  accentColor: 'brand_accent_color',
  font: 'brand_font',
  logoUrl: 'brand_logo_url',
  headerImageUrl: 'brand_header_image_url',
};
const COLOR = /^#[0-9a-f]{6}$/;

function toBranding(row: BrandingRow): Branding {
  return {
    primaryColor: row.brand_primary_color,
    accentColor: row.brand_accent_color,
    font: row.brand_font,
    logoUrl: row.brand_logo_url,
    headerImageUrl: row.brand_header_image_url,
  };
}

/** An address images can be loaded from in a customer's mail client without a mixed-content warning. */
function isHttpsUrl(value: string): boolean {
  if (!value.startsWith('https://')) return false;
  try {
    return new URL(value).hostname.length > 0;
  } catch {
    return false;
  }
}

/** Colours in lower case (#1D4ED8 → #1d4ed8), URLs trimmed; one issue per malformed value. */
function normalise(change: UpdateBrandingRequest): { change: UpdateBrandingRequest; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const result: UpdateBrandingRequest = { ...change };
  for (const field of ['primaryColor', 'accentColor'] as const) {
    const value = change[field];
    if (value === undefined) continue;
    result[field] = value.trim().toLowerCase();
    if (!COLOR.test(result[field] as string)) issues.push({ field, code: issueCode('color'), params: { value: value.slice(0, 40) } });
  }
  for (const field of ['logoUrl', 'headerImageUrl'] as const) {
    const value = change[field];
    if (value === undefined || value === null) continue;
    result[field] = value.trim();
    if (!isHttpsUrl(result[field] as string)) issues.push({ field, code: issueCode('httpsUrl') });
  }
  return { change: result, issues };
}

/**
 * The look of the portal and of every message: colours, font, logo and header image. Stored on
 * the environment's portal_settings row. Always inside a tenant transaction.
 */
@Injectable()
export class BrandingService {
  constructor(
    private readonly tenancy: TenancyService,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<Branding> {
    return toBranding(await this.row());
  }

  /** The branding and the portal's name (the default company name in messages), in one read. */
  async withPortalName(): Promise<{ branding: Branding; portalName: string }> {
    const row = await this.row();
    return { branding: toBranding(row), portalName: row.portal_name };
  }

  async update(request: UpdateBrandingRequest, actorAdminUserId: string): Promise<Branding> {
    const { change, issues } = normalise(request);
    assertNoIssues(issues);
    const before = toBranding(await this.row('FOR UPDATE'));
    const sent = (Object.keys(FIELDS) as (keyof Branding)[]).filter((field) => change[field] !== undefined);
    const params = sent.map((field) => change[field]);
    const sets = [...sent.map((field, index) => `${FIELDS[field]} = $${index + 1}`), 'updated_at = now()'].join(', ');
    const [rows]: [BrandingRow[]] = await this.tenancy.manager.query(`UPDATE portal_settings SET ${sets} RETURNING ${COLUMNS}`, params);
    const after = toBranding(rows[0]);
    const changes = Object.fromEntries(sent.filter((field) => before[field] !== after[field]).map((field) => [field, { from: before[field], to: after[field] }]));
    if (Object.keys(changes).length) await this.audit.record('branding.updated', actorAdminUserId, { changes });
    return after;
  }

  private async row(lock: '' | 'FOR UPDATE' = ''): Promise<BrandingRow> {
    const rows: BrandingRow[] = await this.tenancy.manager.query(`SELECT ${COLUMNS} FROM portal_settings ${lock}`);
    if (!rows[0]) throw new NotFoundError('environmentNotFound');
    return rows[0];
  }
}
