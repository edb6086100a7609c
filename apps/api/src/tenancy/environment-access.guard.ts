import { CanActivate, ExecutionContext, Injectable, applyDecorators, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiParam } from '@nestjs/swagger';
import { EnvironmentKind, Role } from '@fieldbook/contracts';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { assertRole, requiredRoles } from '../auth/access';
import { NotFoundError, UnauthenticatedError } from '../common/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Admits an admin to `/environments/:environmentId/…` only through a membership of the
 * environment's organization. An environment of another organization is reported as not found,
 * exactly like one that does not exist.
 */
@Injectable()
export class EnvironmentAccessGuard implements CanActivate {
  constructor(
    private readonly db: DataSource,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    if (!req.user) throw new UnauthenticatedError();
    const environmentId = req.params['environmentId'];
    if (typeof environmentId !== 'string' || !UUID.test(environmentId)) throw new NotFoundError('environmentNotFound');
    const rows: { id: string; organization_id: string; kind: EnvironmentKind; name: string; slug: string; role: Role }[] = await this.db.query(
      `SELECT e.id, e.organization_id, e.kind, e.name, e.slug, m.role
         FROM environment e
         JOIN membership m ON m.organization_id = e.organization_id AND m.admin_user_id = $2
        WHERE e.id = $1`,
      [environmentId, req.user.id],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('environmentNotFound');
    req.environment = { id: row.id, organizationId: row.organization_id, kind: row.kind, name: row.name, slug: row.slug, role: row.role };
    assertRole(row.role, requiredRoles(this.reflector, context));
    return true;
  }
}

/** For controllers under `/environments/:environmentId`: membership check, then one tenant transaction per request. */
export const EnvironmentScoped = () =>
  applyDecorators(UseGuards(EnvironmentAccessGuard), ApiParam({ name: 'environmentId', format: 'uuid' }));
