import { Injectable } from '@nestjs/common';
import { ENVIRONMENT_KINDS, EnvironmentKind, SignUpRequest } from '@fieldbook/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PasswordService } from '../auth/passwords/password.service';
import { AdminPrincipal } from '../common/request-context';
import { PortalSettingsService } from '../portal-settings/portal-settings.service';
import { TenancyService } from '../tenancy/tenancy.service';
import { AdminUsersService } from './admin-users.service';
import { slugSuffix, slugify } from './slug';

const ENVIRONMENT_NAMES: Record<EnvironmentKind, string> = { production: 'Production', sandbox: 'Sandbox' };

/**
 * Sign-up creates, in one transaction, the organization, its production and sandbox environments
 * (each with a unique portal slug and default portal settings), the admin user and the owner
 * membership. Any failure leaves nothing behind.
 */
@Injectable()
export class SignUpService {
  constructor(
    private readonly db: DataSource,
    private readonly passwords: PasswordService,
    private readonly adminUsers: AdminUsersService,
    private readonly tenancy: TenancyService,
    private readonly portalSettings: PortalSettingsService,
    private readonly audit: AuditService,
  ) {}

  async signUp(request: SignUpRequest): Promise<{ user: AdminPrincipal; organizationId: string }> {
    this.passwords.assertAcceptable(request.password);
    const passwordHash = await this.passwords.hash(request.password);
    return this.db.transaction(async (manager) => {
      const user = await this.adminUsers.create(manager, { email: request.email, name: request.name, passwordHash, language: request.language });
      const [{ id: organizationId }] = await manager.query(`INSERT INTO organization (name) VALUES ($1) RETURNING id`, [request.organizationName]);
      await manager.query(`INSERT INTO membership (organization_id, admin_user_id, role) VALUES ($1, $2, 'owner')`, [organizationId, user.id]);
      const base = slugify(request.organizationName);
      for (const kind of ENVIRONMENT_KINDS) {
        const slug = await this.freeSlug(manager, kind === 'production' ? base : `${base}-sandbox`);
        const [{ id: environmentId }] = await manager.query(
          `INSERT INTO environment (organization_id, kind, name, slug) VALUES ($1, $2, $3, $4) RETURNING id`,
          [organizationId, kind, ENVIRONMENT_NAMES[kind], slug],
        );
        await this.tenancy.within(manager, environmentId, async () => {
          await this.portalSettings.createDefaults(request.organizationName.slice(0, 120));
          await this.audit.record('environment.created', user.id, { kind, slug });
        });
      }
      return { user, organizationId };
    });
  }

  /**
   * The natural slug if free, else with a random suffix. Concurrent sign-ups racing for one slug
   * end in a unique violation on one of them; the lock makes that a wait instead.
   */
  private async freeSlug(manager: EntityManager, wanted: string): Promise<string> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('environment.slug'))`);
    let candidate = wanted;
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const taken = await manager.query(`SELECT 1 FROM environment WHERE slug = $1`, [candidate]);
      if (taken.length === 0) return candidate;
      candidate = `${wanted.slice(0, 72)}-${slugSuffix()}`;
    }
    throw new Error(`No free portal slug near "${wanted}" after 20 attempts`);
  }
}
