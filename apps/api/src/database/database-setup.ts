import { DataSource } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';
import { installDeliveryQueue } from '../notifications/delivery-queue';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations';

/** Serialises setup across API instances starting at once. Any constant unique to Fieldbook. */
const SETUP_LOCK_ID = 727_031_001;

/** The connection string the API itself uses: its own role, never the owner. */
export function appDatabaseUrl(ownerUrl: string, database: DatabaseConfig): string {
  if (database.appUrl) return database.appUrl;
  const url = new URL(ownerUrl);
  url.username = database.appRole;
  url.password = encodeURIComponent(database.appPassword);
  return url.toString();
}

export function ownerDataSource(ownerUrl: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url: ownerUrl,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 1, application_name: 'fieldbook-setup' },
  });
}

/** Creates or corrects the API's login role: LOGIN, no superuser, no BYPASSRLS, owns nothing. */
async function ensureAppRole(db: DataSource, role: string, password: string): Promise<void> {
  const exists = await db.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
  const verb = exists.length > 0 ? 'ALTER' : 'CREATE';
  const [{ statement }] = await db.query(
    `SELECT format('${verb} ROLE %I WITH LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE', $1::text, $2::text) AS statement`,
    [role, password],
  );
  try {
    await db.query(statement);
  } catch (error) {
    throw new Error(
      `Could not ${verb.toLowerCase()} the API's database role "${role}" (${(error as Error).message}). ` +
        'Give the DATABASE_URL role CREATEROLE, or create a login role yourself and set DATABASE_APP_URL.',
    );
  }
}

async function grantAppRole(db: DataSource, role: string): Promise<void> {
  const [{ ident }] = await db.query(`SELECT quote_ident($1::text) AS ident`, [role]);
  await db.query(`GRANT USAGE ON SCHEMA public TO ${ident}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${ident}`);
  await db.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${ident}`);
  // The API may read which migrations ran (readiness) but never change that record.
  await db.query(`REVOKE INSERT, UPDATE, DELETE ON ${MIGRATIONS_TABLE} FROM ${ident}`);
}

function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Brings the database to the code's schema as the owner role: the API role, migrations, grants,
 * and the message delivery queue's own schema (pg-boss).
 * Safe to run from several instances at once (advisory lock) and on every start.
 */
export async function prepareDatabase(ownerUrl: string, database: DatabaseConfig): Promise<{ applied: string[] }> {
  const db = ownerDataSource(ownerUrl);
  await db.initialize();
  try {
    await db.query(`SELECT pg_advisory_lock($1)`, [SETUP_LOCK_ID]);
    try {
      const appRole = database.appUrl ? roleOf(database.appUrl) : database.appRole;
      if (appRole === roleOf(ownerUrl)) {
        throw new Error('The API must not connect as the owner role: DATABASE_APP_URL names the same role as DATABASE_URL.');
      }
      if (!database.appUrl) await ensureAppRole(db, appRole, database.appPassword);
      const applied = await db.runMigrations({ transaction: 'each' });
      await grantAppRole(db, appRole);
      const [{ ident }] = await db.query(`SELECT quote_ident($1::text) AS ident`, [appRole]);
      await installDeliveryQueue(ownerUrl, ident, db);
      return { applied: applied.map((migration) => migration.name) };
    } finally {
      await db.query(`SELECT pg_advisory_unlock($1)`, [SETUP_LOCK_ID]);
    }
  } finally {
    await db.destroy();
  }
}

/** Names of migrations the code has that the database has not run. */
export async function pendingMigrations(db: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await db.query(`SELECT name FROM ${MIGRATIONS_TABLE}`);
  const done = new Set(rows.map((row) => row.name));
  return MIGRATIONS.map((migration) => migration.name).filter((name) => !done.has(name));
}
