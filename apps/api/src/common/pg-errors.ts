/** PostgreSQL error fields the services act on (SQLSTATE and the constraint or index name). */
interface PgError {
  code?: string;
  constraint?: string;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = error as PgError;
  return pg?.code === '23505' && (!constraint || pg.constraint === constraint);
}

export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  const pg = error as PgError;
  return pg?.code === '23P01' && (!constraint || pg.constraint === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  return (error as PgError)?.code === '23503';
}
