import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES, Role } from '@fieldbook/contracts';
import type { Request } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../common/domain-error';

const IS_PUBLIC = 'fieldbook:public';
const PORTAL_REALM = 'fieldbook:portal-realm';
const REQUIRED_ROLES = 'fieldbook:required-roles';

/** Marks a route that needs no admin session. Every other route does (see AdminSessionGuard). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Marks a route of the portal realm: it needs a signed-in contact of the portal it addresses
 * (PortalContactGuard, applied by SignedInContact()), never an admin session.
 */
export const PortalRealm = () => SetMetadata(PORTAL_REALM, true);

/** Restricts a route to these roles in the organization or environment it addresses. */
export const RequireRole = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export function isPublicRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) === true;
}

export function isPortalRealmRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return reflector.getAllAndOverride<boolean>(PORTAL_REALM, [context.getHandler(), context.getClass()]) === true;
}

export function requiredRoles(reflector: Reflector, context: ExecutionContext): Role[] {
  return reflector.getAllAndOverride<Role[]>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]) ?? [...ROLES];
}

/** Throws unless `role` is one of `allowed`. */
export function assertRole(role: Role, allowed: Role[]): void {
  if (!allowed.includes(role)) throw new ForbiddenError('roleForbidden', { role });
}

/** Global guard: every route requires a signed-in admin unless marked @Public() or of the portal realm. */
@Injectable()
export class AdminSessionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublicRoute(this.reflector, context) || isPortalRealmRoute(this.reflector, context)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (req.isAuthenticated?.() && req.user) return true;
    throw new UnauthenticatedError();
  }
}
