import { EnvironmentKind, PortalContact, Role } from '@fieldbook/contracts';

/** The signed-in admin, as passport puts it on `req.user`. */
export interface AdminPrincipal {
  id: string;
  email: string;
  name: string;
  language: string | null;
}

/** Set by EnvironmentAccessGuard once membership is proven. */
export interface EnvironmentAccess {
  id: string;
  organizationId: string;
  kind: EnvironmentKind;
  name: string;
  slug: string;
  role: Role;
}

/** Set by OrganizationAccessGuard once membership is proven. */
export interface OrganizationAccess {
  id: string;
  name: string;
  role: Role;
}

/** The portal a request addresses (`/portal/:slug/…`), as PortalGuard resolved it. */
export interface PortalAccess {
  environmentId: string;
  slug: string;
}

/** A signed-in contact of the portal realm, as the portal's passport puts it on `req.portalContact`. */
export type PortalPrincipal = Omit<PortalContact, 'id'> & {
  environmentId: string;
  contactId: string;
  profilePending: boolean;
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-empty-interface
    interface User extends AdminPrincipal {}
    interface Request {
      environment?: EnvironmentAccess;
      organization?: OrganizationAccess;
      portal?: PortalAccess;
      portalContact?: PortalPrincipal;
    }
  }
}
