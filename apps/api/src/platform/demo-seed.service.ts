import { Injectable, Logger } from '@nestjs/common';
import { AdminUsersService } from './admin-users.service';
import { OrganizationsService } from './organizations.service';
import { SignUpService } from './sign-up.service';

export const DEMO = {
  organizationName: 'Northwind Heating & Air',
  name: 'Dana Reyes',
  email: 'demo@fieldbook.test',
  password: 'northwind-demo-2026',
} as const;

/** The demo organization `npm start` offers, created once and reused on later starts. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly adminUsers: AdminUsersService,
    private readonly signUps: SignUpService,
    private readonly organizations: OrganizationsService,
  ) {}

  async ensureDemo(): Promise<{ email: string; password: string; created: boolean }> {
    const existing = await this.adminUsers.findByEmail(DEMO.email);
    if (!existing) {
      await this.signUps.signUp({ organizationName: DEMO.organizationName, name: DEMO.name, email: DEMO.email, password: DEMO.password, language: 'en' });
      this.logger.log(`Seeded the demo organization "${DEMO.organizationName}"`);
    }
    return { email: DEMO.email, password: DEMO.password, created: !existing };
  }

  /** The demo organization's portal addresses, production first. */
  async demoPortalSlugs(): Promise<string[]> {
    const user = await this.adminUsers.findByEmail(DEMO.email);
    if (!user) return [];
    const organizations = await this.organizations.listForUser(user.id);
    return organizations.flatMap((organization) => organization.environments.map((environment) => environment.slug));
  }
}
