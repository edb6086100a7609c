import { Injectable, Logger } from '@nestjs/common';
import { CHICAGO, generateDemoData, writeDemoData } from '@fieldbook/demo-data';
import { localDate } from '../scheduling/zoned-time';
import { TenancyService } from '../tenancy/tenancy.service';
import { AdminUsersService } from './admin-users.service';
import { OrganizationsService } from './organizations.service';
import { SignUpService } from './sign-up.service';

export const DEMO = {
  organizationName: 'Northwind Heating & Air',
  name: 'Dana Reyes',
  email: 'demo@fieldbook.test',
  password: 'northwind-demo-2026',
} as const;

export type DemoIdentity = { [key in keyof typeof DEMO]: string };

/** The demo company's data: a small team around Chicago with two weeks of work already booked. */
export const DEMO_DATA = { technicians: 12, accounts: 40, days: 14, utilization: 0.4 } as const;

/**
 * The demo organization `npm start` offers, created once and reused on later starts. When it is
 * created, its production and sandbox environments each get generated data (different in each),
 * written through the tenant transaction like any other tenant write.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly adminUsers: AdminUsersService,
    private readonly signUps: SignUpService,
    private readonly organizations: OrganizationsService,
    private readonly tenancy: TenancyService,
  ) {}

  async ensureDemo(demo: DemoIdentity = DEMO): Promise<{ email: string; password: string; created: boolean }> {
    const existing = await this.adminUsers.findByEmail(demo.email);
    if (!existing) {
      const { user, organizationId } = await this.signUps.signUp({
        organizationName: demo.organizationName,
        name: demo.name,
        email: demo.email,
        password: demo.password,
        language: 'en',
      });
      const organization = (await this.organizations.listForUser(user.id)).find((candidate) => candidate.id === organizationId);
      for (const [index, environment] of (organization?.environments ?? []).entries()) await this.seedEnvironment(environment.id, index + 1);
      this.logger.log(`Seeded the demo organization "${demo.organizationName}"`);
    }
    return { email: demo.email, password: demo.password, created: !existing };
  }

  private async seedEnvironment(environmentId: string, seed: number, now = Date.now()): Promise<void> {
    const data = generateDemoData({ ...DEMO_DATA, seed, startDate: localDate(now, CHICAGO.timeZone), now });
    const summary = await this.tenancy.run(environmentId, (manager) =>
      writeDemoData(async (sql, params) => ({ rows: await manager.query(sql, params) }), environmentId, data),
    );
    const { resource, account, booking } = summary.rows;
    this.logger.log(`Demo data in environment ${environmentId}: ${resource} technicians, ${account} accounts, ${booking} bookings`);
  }

  /** The demo organization's portal addresses, production first. */
  async demoPortalSlugs(): Promise<string[]> {
    const user = await this.adminUsers.findByEmail(DEMO.email);
    if (!user) return [];
    const organizations = await this.organizations.listForUser(user.id);
    return organizations.flatMap((organization) => organization.environments.map((environment) => environment.slug));
  }
}
