/**
 * The statements every tenant table gets in the migration that creates it: row-level security,
 * forced even for the table owner, with one policy that admits only rows of the environment set by
 * the tenancy helper. `nullif(…, '')` because a pooled connection that once ran SET LOCAL reads the
 * setting back as '' rather than NULL, and ''::uuid would throw instead of matching nothing.
 */
export function tenantTableSecurity(table: string): string[] {
  const predicate = `environment_id = nullif(current_setting('app.environment_id', true), '')::uuid`;
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY ${table}_environment_isolation ON ${table} USING (${predicate}) WITH CHECK (${predicate})`,
  ];
}
