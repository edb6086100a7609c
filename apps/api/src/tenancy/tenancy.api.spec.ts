import { DataSource } from 'typeorm';
import { Client as PgClient } from 'pg';
import { Client, SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';
import { openApiDocument } from '../bootstrap/configure-app';
import { TenancyService } from './tenancy.service';

/** Tables that hold no tenant data and so carry no environment_id. Anything else must be a tenant table. */
const PLATFORM_TABLES = ['admin_invitation', 'admin_user', 'environment', 'http_session', 'membership', 'migrations', 'organization', 'sign_in_attempt'];

describe('tenant isolation', () => {
  let t: TestApp;
  let victim: SignedUp;
  let attacker: SignedUp;

  beforeAll(async () => {
    t = await startTestApp();
    victim = await signUpOrganization(t.http, { organizationName: 'Victim Pest Control' });
    attacker = await signUpOrganization(t.http, { organizationName: 'Attacker HVAC' });
  });
  afterAll(() => t.close());

  describe('row-level security coverage', () => {
    it('forces row-level security with a policy on every table that has an environment_id', async () => {
      const { rows } = await t.owner.query(`
        SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
               (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname) AS policies
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
           AND EXISTS (SELECT 1 FROM information_schema.columns col
                        WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'environment_id')
         ORDER BY 1`);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      const unprotected = rows.filter((row) => !row.enabled || !row.forced || row.policies === 0).map((row) => row.table);
      expect(unprotected).toEqual([]);
    });

    it('has no table that is neither a known platform table nor a tenant table', async () => {
      const { rows } = await t.owner.query(`
        SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
           AND NOT EXISTS (SELECT 1 FROM information_schema.columns col
                            WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'environment_id')
         ORDER BY 1`);
      expect(rows.map((row) => row.table).filter((table) => !PLATFORM_TABLES.includes(table))).toEqual([]);
    });

    it('keeps environment_id in the primary key or a unique key of every tenant table', async () => {
      const { rows } = await t.owner.query(`
        SELECT c.relname AS table,
               bool_or(con.contype IN ('p', 'u') AND a.attname = 'environment_id') AS keyed
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'environment_id'
          LEFT JOIN pg_constraint con ON con.conrelid = c.oid AND a.attnum = ANY (con.conkey)
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
         GROUP BY c.relname`);
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.filter((row) => !row.keyed).map((row) => row.table)).toEqual([]);
    });

    it("connects the API as a role that is not superuser, cannot bypass RLS and owns nothing", async () => {
      const role = decodeURIComponent(new URL(t.appUrl).username);
      const { rows } = await t.owner.query(
        `SELECT r.rolsuper, r.rolbypassrls, (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
           FROM pg_roles r WHERE r.rolname = $1`,
        [role],
      );
      expect(rows).toEqual([{ rolsuper: false, rolbypassrls: false, owned: 0 }]);
    });
  });

  describe('at the database', () => {
    let app: PgClient;
    beforeEach(async () => {
      app = new PgClient({ connectionString: t.appUrl });
      await app.connect();
    });
    afterEach(() => app.end());

    it('returns no tenant rows to a query that did not set the environment', async () => {
      const asOwner = await t.owner.query(`SELECT count(*)::int AS n FROM portal_settings`);
      expect(asOwner.rows[0].n).toBeGreaterThanOrEqual(4);
      const asApi = await app.query(`SELECT count(*)::int AS n FROM portal_settings`);
      expect(asApi.rows[0].n).toBe(0);
      const audit = await app.query(`SELECT count(*)::int AS n FROM audit_event`);
      expect(audit.rows[0].n).toBe(0);
    });

    it("shows only the set environment's rows, and refuses to write another environment's", async () => {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.environment_id', $1, true)`, [victim.productionId]);
      const visible = await app.query(`SELECT environment_id FROM portal_settings`);
      expect(visible.rows).toEqual([{ environment_id: victim.productionId }]);
      await expect(
        app.query(`INSERT INTO audit_event (environment_id, action) VALUES ($1, 'forged')`, [attacker.productionId]),
      ).rejects.toThrow(/row-level security/);
      await app.query('ROLLBACK');
    });

    it('cannot change the table owner or switch off row-level security', async () => {
      await expect(app.query(`ALTER TABLE portal_settings DISABLE ROW LEVEL SECURITY`)).rejects.toThrow(/must be owner/);
    });
  });

  describe('the tenancy helper on a pooled connection', () => {
    let pool: DataSource;
    let tenancy: TenancyService;
    beforeAll(async () => {
      // One connection, so every query below is guaranteed to reuse the one the tenant transaction used.
      pool = new DataSource({ type: 'postgres', url: t.appUrl, extra: { max: 1 } });
      await pool.initialize();
      tenancy = new TenancyService(pool);
    });
    afterAll(() => pool.destroy());

    it('leaves no environment on the connection after a tenant transaction', async () => {
      const inside = await tenancy.run(victim.productionId, (manager) => manager.query(`SELECT count(*)::int AS n FROM portal_settings`));
      expect(inside[0].n).toBe(1);
      const [setting] = await pool.query(`SELECT coalesce(current_setting('app.environment_id', true), '') AS value`);
      expect(setting.value).toBe('');
      const [after] = await pool.query(`SELECT count(*)::int AS n FROM portal_settings`);
      expect(after.n).toBe(0);
    });

    it('leaves no environment behind when the tenant transaction fails', async () => {
      await expect(
        tenancy.run(victim.productionId, async (manager) => {
          await manager.query(`SELECT 1`);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const [after] = await pool.query(`SELECT count(*)::int AS n FROM portal_settings`);
      expect(after.n).toBe(0);
    });

    it('refuses to reach tenant data outside a tenant transaction', () => {
      expect(() => tenancy.manager).toThrow(/outside tenancy.run/);
    });

    it('refuses to switch environment inside a tenant transaction', async () => {
      await expect(tenancy.run(victim.productionId, () => tenancy.run(attacker.productionId, async () => 1))).rejects.toThrow(/Cannot switch environment/);
    });
  });

  describe('over HTTP, across organizations', () => {
    type Operation = { method: 'get' | 'post' | 'patch' | 'put' | 'delete'; path: string };
    let operations: Operation[];
    /** A real id of the victim's for every path parameter; a route with a parameter missing here fails the test. */
    const ids: Record<string, string> = {};
    /** Query strings for routes that need one to answer 200 to their own organization. */
    const queries: Record<string, string> = {};

    beforeAll(async () => {
      const document = openApiDocument(t.app);
      operations = Object.entries(document.paths).flatMap(([path, item]) =>
        (['get', 'post', 'patch', 'put', 'delete'] as const).filter((method) => item[method]).map((method) => ({ method, path })),
      );
      ids['organizationId'] = victim.organizationId;
      ids['adminUserId'] = victim.session.user.id;
      const invitation = await victim.client.post(`/api/organizations/${victim.organizationId}/invitations`, { email: 'pending@example.test', role: 'admin' }).expect(201);
      ids['invitationId'] = invitation.body.id;
      const skill = await victim.client.post(`/api/environments/${victim.productionId}/skills`, { name: 'Victim skill' }).expect(201);
      ids['skillId'] = skill.body.id;
      const technician = await victim.client
        .post(`/api/environments/${victim.productionId}/technicians`, {
          name: 'Victim technician',
          homeLat: 39.8,
          homeLng: -89.6,
          timeZone: 'America/Chicago',
          skills: [{ skillId: skill.body.id, proficiency: 3 }],
          weeklyHours: [{ weekday: 1, start: '08:00', end: '16:00' }],
        })
        .expect(201);
      ids['technicianId'] = technician.body.id;
      const timeOff = await victim.client
        .post(`/api/environments/${victim.productionId}/technicians/${technician.body.id}/time-off`, { startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' })
        .expect(201);
      ids['timeOffId'] = timeOff.body.id;
      const serviceType = await victim.client
        .post(`/api/environments/${victim.productionId}/service-types`, { name: 'Victim service type', durationMinutes: 60, requiredSkills: [{ skillId: skill.body.id, minProficiency: 2 }] })
        .expect(201);
      ids['serviceTypeId'] = serviceType.body.id;
      const place = { addressLine1: '1 Victim Way', city: 'Springfield', country: 'US', lat: 39.8, lng: -89.6, timeZone: 'America/Chicago' };
      const environment = `/api/environments/${victim.productionId}`;
      const account = await victim.client.post(`${environment}/accounts`, { name: 'Victim account', ...place }).expect(201);
      ids['accountId'] = account.body.id;
      const contact = await victim.client.post(`${environment}/accounts/${account.body.id}/contacts`, { firstName: 'Victim', lastName: 'Contact' }).expect(201);
      ids['contactId'] = contact.body.id;
      const location = await victim.client.post(`${environment}/functional-locations`, { accountId: account.body.id, name: 'Victim location', ...place }).expect(201);
      ids['functionalLocationId'] = location.body.id;
      const asset = await victim.client.post(`${environment}/assets`, { accountId: account.body.id, functionalLocationId: location.body.id, name: 'Victim asset' }).expect(201);
      ids['assetId'] = asset.body.id;
      const { rows } = await t.owner.query(
        `WITH wo AS (
           INSERT INTO work_order (environment_id, reference, account_id, incident_type_id, asset_id, address_line1, city, country, lat, lng, time_zone)
           VALUES ($1, 'WO-VICTIM01', $2, $3, $4, '1 Victim Way', 'Springfield', 'US', 39.8, -89.6, 'America/Chicago') RETURNING id)
         INSERT INTO booking (environment_id, work_order_id, resource_id, starts_at, ends_at, source)
         SELECT $1, wo.id, $5, '2030-01-07T14:00:00Z', '2030-01-07T15:00:00Z', 'office' FROM wo RETURNING id`,
        [victim.productionId, account.body.id, serviceType.body.id, asset.body.id, technician.body.id],
      );
      ids['bookingId'] = rows[0].id;
      const code = await t.owner.query(
        `INSERT INTO booking_code (environment_id, token_hash, booking_id, contact_id, expires_at)
         VALUES ($1, sha256('victim booking code'), $2, $3, '2030-01-08T15:00:00Z') RETURNING id`,
        [victim.productionId, rows[0].id, contact.body.id],
      );
      ids['codeId'] = code.rows[0].id;
      ids['kind'] = 'accounts';
      ids['channel'] = 'email';
      const message = await t.owner.query(
        `INSERT INTO mailbox_message (environment_id, channel, recipient, text) VALUES ($1, 'email', 'victim@example.test', 'Victim message') RETURNING id`,
        [victim.productionId],
      );
      ids['messageId'] = message.rows[0].id;
      const exclusion = await victim.client.post(`${environment}/message-exclusions`, { kind: 'account', targetId: account.body.id }).expect(201);
      ids['exclusionId'] = exclusion.body.id;
      await victim.client.put(`${environment}/content-snippets/company_name/en`, { text: 'Victim Pest Control Ltd' }).expect(200);
      await victim.client.put(`${environment}/message-templates/confirmed/en`, { subject: 'Victim subject' }).expect(200);
      const notification = await t.owner.query(
        `INSERT INTO notification (environment_id, dedupe_key, type, channel, contact_id, recipient, language, state)
         VALUES ($1, 'victim-invite', 'invite', 'email', $2, 'victim@example.test', 'en', 'dead') RETURNING id`,
        [victim.productionId, contact.body.id],
      );
      ids['notificationId'] = notification.rows[0].id;
      ids['path'] = 'status';
      ids['key'] = 'company_name';
      ids['language'] = 'en';
      ids['type'] = 'confirmed';
      queries['/api/environments/{environmentId}/slots'] = `?serviceTypeId=${serviceType.body.id}&assetId=${asset.body.id}&from=2030-01-07&to=2030-01-08`;
    });

    function fill(path: string, environmentId: string): string {
      return `/api${path.replace(/^\/api/, '')}`.replace(/\{(\w+)\}/g, (_match, name: string) => {
        const id = name === 'environmentId' ? environmentId : ids[name];
        if (!id) throw new Error(`No fixture for path parameter {${name}} in ${path}: add one in beforeAll`);
        return id;
      });
    }

    function call(client: Client, op: Operation, url: string) {
      const body = { role: 'dispatcher', portalName: 'Hijacked', email: 'intruder@example.test' };
      return op.method === 'get' ? client.get(url) : op.method === 'delete' ? client.delete(url) : client[op.method](url, body);
    }

    it('covers every tenant and organization route of the API', () => {
      const scoped = operations.filter((op) => /\{(environmentId|organizationId)\}/.test(op.path));
      expect(scoped.length).toBeGreaterThanOrEqual(9);
    });

    it.each(['production', 'sandbox'] as const)("answers 404 with none of the other organization's data on every route (%s)", async (kind) => {
      const environmentId = kind === 'production' ? victim.productionId : victim.sandboxId;
      const scoped = operations.filter((op) => /\{(environmentId|organizationId)\}/.test(op.path));
      for (const op of scoped) {
        const res = await call(attacker.client, op, fill(op.path, environmentId));
        expect({ route: `${op.method} ${op.path}`, status: res.status }).toEqual({ route: `${op.method} ${op.path}`, status: 404 });
        const text = JSON.stringify(res.body);
        expect(text).not.toContain('Victim');
        expect(text).not.toContain(victim.email);
        expect(text).not.toContain(ids['adminUserId']);
      }
    });

    it("leaves the other organization's data untouched", async () => {
      const members = await victim.client.get(`/api/organizations/${victim.organizationId}/members`).expect(200);
      expect(members.body.map((member: { role: string }) => member.role)).toEqual(['owner']);
      const settings = await victim.client.get(`/api/environments/${victim.productionId}/portal-settings`).expect(200);
      expect(settings.body.portalName).toBe('Victim Pest Control');
      const invitations = await victim.client.get(`/api/organizations/${victim.organizationId}/invitations`).expect(200);
      expect(invitations.body).toHaveLength(1);
      const skill = await victim.client.get(`/api/environments/${victim.productionId}/skills/${ids['skillId']}`).expect(200);
      expect(skill.body).toMatchObject({ name: 'Victim skill', active: true });
      const technician = await victim.client.get(`/api/environments/${victim.productionId}/technicians/${ids['technicianId']}`).expect(200);
      expect(technician.body).toMatchObject({ name: 'Victim technician', active: true, skills: [{ proficiency: 3 }], weeklyHours: [{ weekday: 1, start: '08:00', end: '16:00' }] });
      expect(technician.body.upcomingTimeOff).toHaveLength(1);
      const serviceType = await victim.client.get(`/api/environments/${victim.productionId}/service-types/${ids['serviceTypeId']}`).expect(200);
      expect(serviceType.body).toMatchObject({ name: 'Victim service type', active: true, requiredSkills: [{ minProficiency: 2 }] });
      const asset = await victim.client.get(`/api/environments/${victim.productionId}/assets/${ids['assetId']}`).expect(200);
      expect(asset.body).toMatchObject({ name: 'Victim asset', accountId: ids['accountId'], functionalLocationId: ids['functionalLocationId'], active: true });
      const contacts = await victim.client.get(`/api/environments/${victim.productionId}/accounts/${ids['accountId']}/contacts`).expect(200);
      expect(contacts.body.items).toMatchObject([{ firstName: 'Victim', active: true }]);
      const code = await t.owner.query(`SELECT state, expires_at FROM booking_code WHERE id = $1`, [ids['codeId']]);
      expect(code.rows[0]).toEqual({ state: 'active', expires_at: new Date('2030-01-08T15:00:00Z') });
      const notification = await victim.client.get(`/api/environments/${victim.productionId}/notifications/${ids['notificationId']}`).expect(200);
      expect(notification.body).toMatchObject({ state: 'dead', attempts: 0 });
      const exclusions = await victim.client.get(`/api/environments/${victim.productionId}/message-exclusions`).expect(200);
      expect(exclusions.body).toMatchObject([{ id: ids['exclusionId'], targetName: 'Victim account' }]);
      const snippets = await victim.client.get(`/api/environments/${victim.productionId}/content-snippets`).expect(200);
      expect(snippets.body).toMatchObject([{ key: 'company_name', language: 'en', text: 'Victim Pest Control Ltd' }]);
      const templates = await victim.client.get(`/api/environments/${victim.productionId}/message-templates`).expect(200);
      expect(templates.body).toMatchObject([{ type: 'confirmed', language: 'en', subject: 'Victim subject' }]);
    });

    it('serves the same GET routes to their own organization (the 404s above are not a broken route)', async () => {
      const gets = operations.filter((op) => op.method === 'get' && /\{(environmentId|organizationId)\}/.test(op.path));
      for (const op of gets) {
        const res = await victim.client.get(fill(op.path, victim.productionId) + (queries[op.path] ?? ''));
        expect({ route: op.path, status: res.status }).toEqual({ route: op.path, status: 200 });
      }
    });

    it("does not let a member of one organization use the other's sandbox through a valid session of their own", async () => {
      const dispatcher = await addMember(t.http, attacker, 'dispatcher');
      await dispatcher.client.get(`/api/environments/${victim.sandboxId}/portal-settings`).expect(404);
      await dispatcher.client.get(`/api/environments/${attacker.sandboxId}/portal-settings`).expect(200);
    });

    it('answers 404 for a malformed environment id instead of an error', async () => {
      const res = await attacker.client.get('/api/environments/not-a-uuid/portal-settings').expect(404);
      expect(res.body.code).toBe('environmentNotFound');
    });
  });
});
