import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Request } from 'express';
import { UnauthenticatedError } from './domain-error';
import { AdminPrincipal, EnvironmentAccess, OrganizationAccess } from './request-context';

function request(context: ExecutionContext): Request {
  return context.switchToHttp().getRequest<Request>();
}

/** The signed-in admin. */
export const CurrentAdmin = createParamDecorator((_data: unknown, context: ExecutionContext): AdminPrincipal => {
  const user = request(context).user;
  if (!user) throw new UnauthenticatedError();
  return user;
});

/** The organization the route addresses, as admitted by OrganizationAccessGuard. */
export const CurrentOrganization = createParamDecorator((_data: unknown, context: ExecutionContext): OrganizationAccess => {
  const organization = request(context).organization;
  if (!organization) throw new Error('CurrentOrganization used on a route without @OrganizationScoped()');
  return organization;
});

/** The environment the route addresses, as admitted by EnvironmentAccessGuard. */
export const CurrentEnvironment = createParamDecorator((_data: unknown, context: ExecutionContext): EnvironmentAccess => {
  const environment = request(context).environment;
  if (!environment) throw new Error('CurrentEnvironment used on a route without @EnvironmentScoped()');
  return environment;
});
