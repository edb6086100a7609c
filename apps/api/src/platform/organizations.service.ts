import { Inject, Injectable } from '@nestjs/common';
import { EnvironmentKind, EnvironmentSummary, OrganizationSummary, Role } from '@fieldbook/contracts';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { NotFoundError } from '../common/domain-error';

interface EnvironmentRow {
  id: string;
  organization_id: string;
  kind: EnvironmentKind;
  name: string;
  slug: string;
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  toEnvironmentSummary(row: EnvironmentRow): EnvironmentSummary {
    return {
      id: row.id,
      organizationId: row.organization_id,
      kind: row.kind,
      name: row.name,
      slug: row.slug,
      portalUrl: `${this.config.publicUrl}/p/${row.slug}`,
    };
  }

  /** The organizations the admin belongs to, each with its environments (production first). */
  async listForUser(adminUserId: string): Promise<OrganizationSummary[]> {
    const organizations: { id: string; name: string; role: Role }[] = await this.db.query(
      `SELECT o.id, o.name, m.role FROM organization o
         JOIN membership m ON m.organization_id = o.id AND m.admin_user_id = $1
        ORDER BY o.created_at, o.id`,
      [adminUserId],
    );
    if (organizations.length === 0) return [];
    const environments: EnvironmentRow[] = await this.db.query(
      `SELECT id, organization_id, kind, name, slug FROM environment
        WHERE organization_id = ANY($1) ORDER BY kind = 'sandbox', created_at`,
      [organizations.map((organization) => organization.id)],
    );
    return organizations.map((organization) => ({
      ...organization,
      environments: environments
        .filter((environment) => environment.organization_id === organization.id)
        .map((environment) => this.toEnvironmentSummary(environment)),
    }));
  }

  async getForUser(adminUserId: string, organizationId: string): Promise<OrganizationSummary> {
    const organization = (await this.listForUser(adminUserId)).find((candidate) => candidate.id === organizationId);
    if (!organization) throw new NotFoundError('organizationNotFound');
    return organization;
  }

  async getEnvironment(environmentId: string): Promise<EnvironmentSummary> {
    const rows: EnvironmentRow[] = await this.db.query(
      `SELECT id, organization_id, kind, name, slug FROM environment WHERE id = $1`,
      [environmentId],
    );
    if (!rows[0]) throw new NotFoundError('environmentNotFound');
    return this.toEnvironmentSummary(rows[0]);
  }
}
