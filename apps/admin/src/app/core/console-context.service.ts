import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { EnvironmentSummary, OrganizationSummary } from '@fieldbook/contracts';
import { SessionService } from './session.service';

export const CONTEXT_STORAGE_KEY = 'fieldbook.admin.context';

interface StoredContext {
  organizationId?: string;
  /** The environment last chosen in each organization. */
  environments: Record<string, string>;
}

/**
 * The organization and environment the console is working in. The choice is remembered in this
 * browser; anything remembered that the session no longer offers falls back to the first
 * organization and its production environment.
 */
@Injectable({ providedIn: 'root' })
export class ConsoleContext {
  private readonly session = inject(SessionService);
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage;
  private readonly stored = signal<StoredContext>(this.read());

  readonly organizations = this.session.organizations;
  readonly organization = computed<OrganizationSummary | null>(() => {
    const organizations = this.organizations();
    return organizations.find((organization) => organization.id === this.stored().organizationId) ?? organizations[0] ?? null;
  });
  readonly environment = computed<EnvironmentSummary | null>(() => {
    const organization = this.organization();
    if (!organization) return null;
    const chosen = this.stored().environments[organization.id];
    const environments = organization.environments;
    return environments.find((environment) => environment.id === chosen) ?? environments.find((environment) => environment.kind === 'production') ?? environments[0] ?? null;
  });
  readonly sandbox = computed(() => this.environment()?.kind === 'sandbox');
  readonly role = computed(() => this.organization()?.role ?? null);
  /** Owners and admins manage members; dispatchers only see them. */
  readonly canManageMembers = computed(() => this.role() === 'owner' || this.role() === 'admin');

  selectOrganization(organizationId: string): void {
    this.save({ ...this.stored(), organizationId });
  }

  selectEnvironment(environmentId: string): void {
    const organization = this.organization();
    if (!organization?.environments.some((environment) => environment.id === environmentId)) return;
    const stored = this.stored();
    this.save({ organizationId: organization.id, environments: { ...stored.environments, [organization.id]: environmentId } });
  }

  private save(context: StoredContext): void {
    this.stored.set(context);
    try {
      this.storage?.setItem(CONTEXT_STORAGE_KEY, JSON.stringify(context));
    } catch {
      // Remembering is a convenience; the choice still holds for this page.
    }
  }

  private read(): StoredContext {
    try {
      const parsed: unknown = JSON.parse(this.storage?.getItem(CONTEXT_STORAGE_KEY) ?? 'null');
      if (typeof parsed !== 'object' || parsed === null) return { environments: {} };
      const { organizationId, environments } = parsed as Partial<StoredContext>;
      return {
        organizationId: typeof organizationId === 'string' ? organizationId : undefined,
        environments: typeof environments === 'object' && environments !== null ? environments : {},
      };
    } catch {
      return { environments: {} };
    }
  }
}
