import { CanActivate, ExecutionContext, Injectable, UseGuards, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiParam } from '@nestjs/swagger';
import { Role } from '@fieldbook/contracts';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { assertRole, requiredRoles } from '../auth/access';
import { NotFoundError, UnauthenticatedError } from '../common/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Admits an admin to `/organizations/:organizationId/…` only as a member; others get 404. */
@Injectable()
export class OrganizationAccessGuard implements CanActivate {
  constructor(
    private readonly db: DataSource,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.user) throw new UnauthenticatedError();
    const organizationId = req.params['organizationId'];
    if (typeof organizationId !== 'string' || !UUID.test(organizationId)) throw new NotFoundError('organizationNotFound');
    const rows: { id: string; name: string; role: Role }[] = await this.db.query(
      `SELECT o.id, o.name, m.role FROM organization o
         JOIN membership m ON m.organization_id = o.id AND m.admin_user_id = $2
        WHERE o.id = $1`,
      [organizationId, req.user.id],
    );
    if (!rows[0]) throw new NotFoundError('organizationNotFound');
    req.organization = rows[0];
    assertRole(rows[0].role, requiredRoles(this.reflector, context));
    return true;
  }
}

export const OrganizationScoped = () =>
  applyDecorators(UseGuards(OrganizationAccessGuard), ApiParam({ name: 'organizationId', format: 'uuid' }));
