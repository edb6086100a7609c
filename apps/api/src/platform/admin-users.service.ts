import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DataSource } from 'typeorm';
import { AdminPrincipal } from '../common/request-context';
import { ConflictError } from '../common/domain-error';

interface AdminUserRow {
  id: string;
  email: string;
  name: string;
  language: string | null;
  password_hash: string;
}

export interface AdminUserWithHash extends AdminPrincipal {
  passwordHash: string;
}

function toPrincipal(row: AdminUserRow): AdminUserWithHash {
  return { id: row.id, email: row.email, name: row.name, language: row.language, passwordHash: row.password_hash };
}

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AdminUsersService {
  constructor(private readonly db: DataSource) {}

  async findByEmail(email: string, manager: EntityManager = this.db.manager): Promise<AdminUserWithHash | undefined> {
    const rows: AdminUserRow[] = await manager.query(
      `SELECT id, email, name, language, password_hash FROM admin_user WHERE lower(email) = lower($1)`,
      [email.trim()],
    );
    return rows[0] && toPrincipal(rows[0]);
  }

  async findById(id: string): Promise<AdminPrincipal | undefined> {
    const rows: AdminUserRow[] = await this.db.query(`SELECT id, email, name, language FROM admin_user WHERE id = $1`, [id]);
    if (!rows[0]) return undefined;
    const { passwordHash: _hash, ...principal } = toPrincipal(rows[0]);
    return principal;
  }

  /** Inserts a new admin user; an email already in use (any case) is a 409. */
  async create(manager: EntityManager, user: { email: string; name: string; passwordHash: string; language?: string | null }): Promise<AdminPrincipal> {
    try {
      const rows: AdminUserRow[] = await manager.query(
        `INSERT INTO admin_user (email, name, password_hash, language) VALUES ($1, $2, $3, $4)
         RETURNING id, email, name, language`,
        [user.email, user.name, user.passwordHash, user.language ?? null],
      );
      const { passwordHash: _hash, ...principal } = toPrincipal(rows[0]);
      return principal;
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ConflictError('emailTaken');
      throw error;
    }
  }

  async updateProfile(id: string, change: { name?: string; language?: string | null }): Promise<AdminPrincipal> {
    await this.db.query(
      `UPDATE admin_user SET name = coalesce($2, name),
              language = CASE WHEN $3::boolean THEN $4 ELSE language END, updated_at = now()
        WHERE id = $1`,
      [id, change.name ?? null, change.language !== undefined, change.language ?? null],
    );
    const user = await this.findById(id);
    if (!user) throw new Error(`Admin user ${id} vanished during a profile update`);
    return user;
  }
}
