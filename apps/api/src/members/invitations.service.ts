import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AcceptInvitationRequest, InvitationCreated, InvitationPreview, InvitationSummary, InviteMemberRequest, Role } from '@fieldbook/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AdminAuthService } from '../auth/admin-auth.service';
import { PasswordService } from '../auth/passwords/password.service';
import { ConflictError, ForbiddenError, GoneError, NotFoundError, ValidationFailedError } from '../common/domain-error';
import { AdminPrincipal, OrganizationAccess } from '../common/request-context';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AdminUsersService } from '../platform/admin-users.service';

const INVITATION_DAYS = 7;

interface InvitationRow {
  id: string;
  organization_id: string;
  organization_name: string;
  email: string;
  role: Role;
  invited_by_name: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

/** Tokens are 256 random bits; only their SHA-256 is stored, so a database leak reveals no link. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toSummary(row: InvitationRow): InvitationSummary {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedByName: row.invited_by_name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
}

const SELECT_INVITATION = `
  SELECT i.id, i.organization_id, o.name AS organization_name, i.email, i.role, u.name AS invited_by_name,
         i.created_at, i.expires_at, i.accepted_at, i.revoked_at
    FROM admin_invitation i
    JOIN organization o ON o.id = i.organization_id
    JOIN admin_user u ON u.id = i.invited_by`;

/**
 * Inviting another admin: a single-use link, valid for a week. Until Fieldbook sends email for
 * admins, the link is returned once to the inviter to pass on.
 */
@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: DataSource,
    private readonly adminUsers: AdminUsersService,
    private readonly passwords: PasswordService,
    private readonly adminAuth: AdminAuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invite(actor: OrganizationAccess, inviterId: string, request: InviteMemberRequest): Promise<InvitationCreated> {
    if (request.role === 'owner' && actor.role !== 'owner') throw new ForbiddenError('ownerRoleRequired');
    return this.db.transaction(async (manager) => {
      const member = await manager.query(
        `SELECT 1 FROM membership m JOIN admin_user u ON u.id = m.admin_user_id WHERE m.organization_id = $1 AND lower(u.email) = lower($2)`,
        [actor.id, request.email],
      );
      if (member.length > 0) throw new ConflictError('alreadyMember', { email: request.email });
      // A new invitation replaces any pending one for the same address.
      await manager.query(
        `UPDATE admin_invitation SET revoked_at = now()
          WHERE organization_id = $1 AND lower(email) = lower($2) AND accepted_at IS NULL AND revoked_at IS NULL`,
        [actor.id, request.email],
      );
      const token = randomBytes(32).toString('base64url');
      const [{ id }] = await manager.query(
        `INSERT INTO admin_invitation (organization_id, email, role, token_hash, invited_by, expires_at)
         VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6)) RETURNING id`,
        [actor.id, request.email, request.role, hashToken(token), inviterId, INVITATION_DAYS],
      );
      const row = await this.byId(manager, id);
      return { ...toSummary(row), acceptUrl: `${this.config.publicUrl}/admin/invitations/${token}` };
    });
  }

  async listPending(organizationId: string): Promise<InvitationSummary[]> {
    const rows: InvitationRow[] = await this.db.query(
      `${SELECT_INVITATION} WHERE i.organization_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
        ORDER BY i.created_at DESC`,
      [organizationId],
    );
    return rows.map(toSummary);
  }

  async revoke(organizationId: string, invitationId: string): Promise<void> {
    const [, count] = await this.db.query(
      `UPDATE admin_invitation SET revoked_at = now()
        WHERE id = $1 AND organization_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL`,
      [invitationId, organizationId],
    );
    if (count === 0) throw new NotFoundError('invitationNotFound');
  }

  async preview(token: string): Promise<InvitationPreview> {
    const row = await this.usable(this.db.manager, token, false);
    const existing = await this.adminUsers.findByEmail(row.email);
    return { organizationName: row.organization_name, email: row.email, role: row.role, expiresAt: row.expires_at.toISOString(), existingUser: Boolean(existing) };
  }

  /**
   * Accepts an invitation: a new admin chooses a name and password; an existing admin proves the
   * account with its password (under the sign-in limits). Either way the invitation is used up.
   */
  async accept(token: string, request: AcceptInvitationRequest, address: string | undefined): Promise<AdminPrincipal> {
    return this.db.transaction(async (manager) => {
      const invitation = await this.usable(manager, token, true);
      const existing = await this.adminUsers.findByEmail(invitation.email, manager);
      let user: AdminPrincipal;
      if (existing) {
        user = await this.adminAuth.verifyCredentials(invitation.email, request.password, address);
      } else {
        if (!request.name) throw new ValidationFailedError([{ field: 'name', code: 'isNotEmpty' }]);
        this.passwords.assertAcceptable(request.password);
        user = await this.adminUsers.create(manager, { email: invitation.email, name: request.name, passwordHash: await this.passwords.hash(request.password) });
      }
      await manager.query(
        `INSERT INTO membership (organization_id, admin_user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [invitation.organization_id, user.id, invitation.role],
      );
      await manager.query(`UPDATE admin_invitation SET accepted_at = now() WHERE id = $1`, [invitation.id]);
      return user;
    });
  }

  private async byId(manager: EntityManager, id: string): Promise<InvitationRow> {
    const rows: InvitationRow[] = await manager.query(`${SELECT_INVITATION} WHERE i.id = $1`, [id]);
    return rows[0];
  }

  /** The invitation behind a token, or the reason it cannot be used. */
  private async usable(manager: EntityManager, token: string, lock: boolean): Promise<InvitationRow> {
    const rows: InvitationRow[] = await manager.query(
      `${SELECT_INVITATION} WHERE i.token_hash = $1 ${lock ? 'FOR UPDATE OF i' : ''}`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row || row.revoked_at) throw new NotFoundError('invitationInvalid');
    if (row.accepted_at) throw new GoneError('invitationUsed');
    if (row.expires_at.getTime() <= Date.now()) throw new GoneError('invitationExpired');
    return row;
  }
}
