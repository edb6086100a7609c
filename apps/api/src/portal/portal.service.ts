import { Injectable } from '@nestjs/common';
import { PortalInfo } from '@fieldbook/contracts';
import { DataSource } from 'typeorm';
import { NotFoundError } from '../common/domain-error';
import { TenancyService } from '../tenancy/tenancy.service';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@Injectable()
export class PortalService {
  constructor(
    private readonly db: DataSource,
    private readonly tenancy: TenancyService,
  ) {}

  /** Finds the environment behind a portal address, then reads its settings inside that environment only. */
  async info(slug: string): Promise<PortalInfo> {
    if (!SLUG.test(slug) || slug.length > 80) throw new NotFoundError('portalNotFound');
    const rows: { id: string; kind: string }[] = await this.db.query(`SELECT id, kind FROM environment WHERE slug = $1`, [slug]);
    const environment = rows[0];
    if (!environment) throw new NotFoundError('portalNotFound');
    return this.tenancy.run(environment.id, async (manager) => {
      const [settings]: { portal_name: string }[] = await manager.query(`SELECT portal_name FROM portal_settings`);
      if (!settings) throw new NotFoundError('portalNotFound');
      return { slug, portalName: settings.portal_name, sandbox: environment.kind === 'sandbox' };
    });
  }
}
