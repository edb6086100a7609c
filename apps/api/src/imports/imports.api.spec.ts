import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../test/test-app';

const ACCOUNTS = [
  'external_key,name,email,phone,address_line1,city,region,postal_code,country,lat,lng,time_zone',
  'ACC-1,Hudson Bakery,office@hudson.test,+1 (212) 555-0101,12 Hudson St,New York,NY,10013,US,40.7205,-74.0087,America/New_York',
  'ACC-2,"Pier 9 Diner, LLC",,,"88 Pier Rd, Unit 9",Hoboken,NJ,07030,us,40.7440,-74.0324,America/New_York',
].join('\n');

describe('CSV imports', () => {
  let t: TestApp;
  let owner: SignedUp;
  const url = (kind: string, dryRun = false) => `/api/environments/${owner.productionId}/imports/${kind}${dryRun ? '?dryRun=true' : ''}`;
  const send = (kind: string, csv: string, dryRun = false, client = owner.client) =>
    client.agent.post(url(kind, dryRun)).set('X-XSRF-TOKEN', client.csrfToken).set('Content-Type', 'text/csv').send(csv);
  const count = async (table: string) =>
    (await t.owner.query(`SELECT count(*)::int AS n FROM ${table} WHERE environment_id = $1`, [owner.productionId])).rows[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
  });
  afterAll(() => t.close());

  it('previews without writing, imports, and imports the same file again without duplicating', async () => {
    const preview = await send('accounts', ACCOUNTS, true).expect(200);
    expect(preview.body).toMatchObject({ kind: 'accounts', dryRun: true, rows: 2, created: 2, updated: 0, errors: [] });
    expect(preview.body.preview[1]).toMatchObject({ line: 3, name: 'Pier 9 Diner, LLC', addressLine1: '88 Pier Rd, Unit 9', country: 'US' });
    expect(await count('account')).toBe(0);

    const done = await send('accounts', ACCOUNTS).expect(200);
    expect(done.body).toMatchObject({ dryRun: false, created: 2, updated: 0 });
    const { rows } = await t.owner.query(`SELECT name, phone, country FROM account WHERE environment_id = $1 AND external_key = 'ACC-1'`, [owner.productionId]);
    expect(rows[0]).toEqual({ name: 'Hudson Bakery', phone: '+12125550101', country: 'US' });

    const again = await send('accounts', ACCOUNTS.replace('Hudson Bakery', 'Hudson Bakery & Café')).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 2 });
    expect(await count('account')).toBe(2);
    const renamed = await owner.client.get(`/api/environments/${owner.productionId}/accounts?q=Café`).expect(200);
    expect(renamed.body.total).toBe(1);
    const audit = await t.owner.query(`SELECT details FROM audit_event WHERE environment_id = $1 AND action = 'import.completed'`, [owner.productionId]);
    expect(audit.rows).toHaveLength(2);
  });

  it('reports every bad row with its line and column, and writes nothing when any row is bad', async () => {
    const csv = [
      'external_key,name,address_line1,city,country,lat,lng,time_zone',
      'OK-1,Good Row,1 Main St,Chicago,US,41.88,-87.63,America/Chicago',
      'BAD-1,No Position,2 Main St,Chicago,US,,,America/Chicago',
      'BAD-2,Bad Zone,3 Main St,Chicago,US,41.88,-87.63,Mars/Olympus',
      'OK-1,Twice,4 Main St,Chicago,US,41.88,-87.63,America/Chicago',
      ',No Key,5 Main St,Chicago,US,95,-87.63,America/Chicago',
    ].join('\n');
    const preview = await send('accounts', csv, true).expect(200);
    const problems = preview.body.errors.map((error: { line: number; column?: string }) => `${error.line}:${error.column}`);
    expect(problems).toEqual(expect.arrayContaining(['3:lat', '3:lng', '4:time_zone', '5:external_key', '6:external_key', '6:lat']));
    expect(preview.body.errors.find((error: { line: number; column: string }) => error.line === 5).message).toBe('The external key “OK-1” was already used on line 2.');

    const refused = await send('accounts', csv).expect(422);
    expect(refused.body.message).toMatch(/problem\(s\) found; nothing was imported/);
    expect(refused.body.errors.length).toBe(preview.body.errors.length);
    expect(await count('account')).toBe(0);
  });

  it('links contacts, functional locations and assets to accounts by external key', async () => {
    await send('accounts', ACCOUNTS).expect(200);
    const locations = [
      'external_key,account_external_key,name,address_line1,city,country,lat,lng,time_zone',
      'FL-1,ACC-1,Basement boiler room,12 Hudson St,New York,US,40.7205,-74.0087,America/New_York',
      'FL-2,ACC-2,Kitchen,88 Pier Rd,Hoboken,US,40.744,-74.0324,America/New_York',
    ].join('\n');
    expect((await send('functional-locations', locations).expect(200)).body.created).toBe(2);
    const contacts = [
      'external_key,account_external_key,first_name,last_name,email,phone,language,preferred_channel',
      'C-1,ACC-1,Maya,Ortiz,maya@hudson.test,+12125550111,es,both',
      'C-2,ACC-9,Nobody,Here,nobody@hudson.test,,,',
      'C-3,ACC-2,Sam,Lee,MAYA@hudson.test,,fr,',
    ].join('\n');
    const badContacts = await send('contacts', contacts).expect(422);
    expect(badContacts.body.errors).toEqual([
      { line: 3, column: 'account_external_key', message: 'No active account has the external key “ACC-9”. Import accounts first.' },
      { line: 4, column: 'email', message: 'The email maya@hudson.test was already used on line 2.' },
    ]);
    expect(await count('contact')).toBe(0);
    expect((await send('contacts', contacts.split('\n').filter((line) => !/^C-[23]/.test(line)).join('\n')).expect(200)).body.created).toBe(1);

    const assets = [
      'external_key,account_external_key,functional_location_external_key,name,serial_number',
      'AS-1,ACC-1,FL-1,Boiler,SN-1',
      'AS-2,ACC-1,FL-2,Wrong place,',
      'AS-3,ACC-2,,Walk-in cooler,',
    ].join('\n');
    const badAssets = await send('assets', assets).expect(422);
    expect(badAssets.body.errors).toEqual([{ line: 3, column: 'functional_location_external_key', message: 'The functional location “FL-2” belongs to another account.' }]);
    const good = await send('assets', assets.replace('AS-2,ACC-1,FL-2', 'AS-2,ACC-2,FL-2')).expect(200);
    expect(good.body).toMatchObject({ created: 3 });
    const { rows } = await t.owner.query(
      `SELECT a.external_key, fl.external_key AS location FROM asset a LEFT JOIN functional_location fl ON fl.id = a.functional_location_id WHERE a.environment_id = $1 ORDER BY 1`,
      [owner.productionId],
    );
    expect(rows).toEqual([
      { external_key: 'AS-1', location: 'FL-1' },
      { external_key: 'AS-2', location: 'FL-2' },
      { external_key: 'AS-3', location: null },
    ]);
    // Moving an existing asset to another account by import is refused.
    const moved = await send('assets', 'external_key,account_external_key,name\nAS-3,ACC-1,Walk-in cooler').expect(422);
    expect(moved.body.errors[0].message).toMatch(/never moves a record to another account/);
  });

  it('imports technicians with skills and weekly hours that the availability search then uses', async () => {
    const environment = `/api/environments/${owner.productionId}`;
    await owner.client.post(`${environment}/skills`, { name: 'Furnace repair', externalKey: 'SK-F' }).expect(201);
    await owner.client.post(`${environment}/skills`, { name: 'Ductwork' }).expect(201);
    const csv = [
      'external_key,name,email,phone,home_lat,home_lng,time_zone,skills,weekly_hours',
      'T-1,Ana Ruiz,ana@northwind.test,+13125550100,41.88,-87.63,America/Chicago,SK-F:4; ductwork:2,Mon-Fri 08:00-12:00 13:00-17:00; Sat 09:00-13:00',
      'T-2,Ben Okafor,,,41.95,-87.65,America/Chicago,Furnace repair:2,Mon 07:00-15:00',
    ].join('\n');
    expect((await send('technicians', csv).expect(200)).body).toMatchObject({ created: 2, updated: 0, errors: [] });
    const list = await owner.client.get(`${environment}/technicians?q=Ana`).expect(200);
    const ana = await owner.client.get(`${environment}/technicians/${list.body.items[0].id}`).expect(200);
    expect(ana.body.skills).toHaveLength(2);
    expect(ana.body.weeklyHours).toHaveLength(11);
    expect(ana.body.weeklyHours).toEqual(expect.arrayContaining([{ weekday: 6, start: '09:00', end: '13:00' }]));
    // Again, with fewer hours: the pattern is replaced, not added to.
    const again = await send('technicians', csv.replace('Mon-Fri 08:00-12:00 13:00-17:00; Sat 09:00-13:00', 'Tue 10:00-14:00')).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 2 });
    expect((await owner.client.get(`${environment}/technicians/${list.body.items[0].id}`).expect(200)).body.weeklyHours).toEqual([{ weekday: 2, start: '10:00', end: '14:00' }]);

    const bad = [
      'external_key,name,home_lat,home_lng,time_zone,skills,weekly_hours',
      'T-3,Cleo,41.9,-87.6,America/Chicago,Welding:3,Mon 08:00-12:00',
      'T-4,Dev,41.9,-87.6,America/Chicago,Ductwork:9,Mon 08:00-12:00 11:00-13:00',
      'T-5,Eve,41.9,-87.6,Chicago,,Funday 08:00-12:00',
    ].join('\n');
    const refused = await send('technicians', bad).expect(422);
    expect(refused.body.errors.map((error: { line: number; column: string }) => `${error.line}:${error.column}`)).toEqual([
      '2:skills',
      '3:skills',
      '3:weekly_hours',
      '4:time_zone',
      '4:weekly_hours',
    ]);
    expect(refused.body.errors[0].message).toBe('No active skill is named or keyed “Welding”.');
  });

  it('refuses malformed files and wrong requests with clear messages', async () => {
    const unclosed = await send('accounts', 'external_key,name\nA,"open\n').expect(400);
    expect(unclosed.body.message).toBe('Line 2: a quoted field is never closed.');
    const missing = await send('accounts', 'external_key,name\nA,B').expect(400);
    expect(missing.body.message).toMatch(/^The file lacks required columns: address_line1, city, country, lat, lng, time_zone\.$/);
    const unknown = await send('contacts', 'external_key,account_external_key,first_name,last_name,shoe_size\nC,A,B,D,44').expect(400);
    expect(unknown.body.message).toMatch(/does not know: shoe_size/);
    await send('accounts', `${ACCOUNTS.split('\n')[0]}\n`).expect(400);
    await send('accounts', '').expect(400);
    const json = await owner.client.post(url('accounts'), { rows: [] }).expect(400);
    expect(json.body.message).toBe('Send the file as CSV text (Content-Type: text/csv).');
    await send('spaceships', ACCOUNTS).expect(404);
    await owner.client.agent.post(`${url('accounts')}?dryRun=maybe`).set('X-XSRF-TOKEN', owner.client.csrfToken).set('Content-Type', 'text/csv').send(ACCOUNTS).expect(400);
    const template = await owner.client.get(url('technicians')).expect(200);
    expect(template.body).toEqual({
      kind: 'technicians',
      required: ['external_key', 'name', 'home_lat', 'home_lng', 'time_zone'],
      optional: ['email', 'phone', 'skills', 'weekly_hours'],
      maxRows: 10000,
    });
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    await send('accounts', ACCOUNTS, false, dispatcher.client).expect(403);
    expect(await count('account')).toBe(0);
  });

  it('imports 10,000 accounts in one file, all or nothing', async () => {
    const lines = ['external_key,name,address_line1,city,country,lat,lng,time_zone'];
    for (let index = 0; index < 10_000; index += 1) {
      lines.push(`BULK-${index},Customer ${index},${index} Lake Shore Dr,Chicago,US,${(41.7 + (index % 300) / 1000).toFixed(4)},-87.6,America/Chicago`);
    }
    const done = await send('accounts', lines.join('\n')).expect(200);
    expect(done.body).toMatchObject({ rows: 10_000, created: 10_000, errors: [] });
    expect(await count('account')).toBe(10_000);
    const tooMany = [...lines, 'BULK-X,One more,1 St,Chicago,US,41.8,-87.6,America/Chicago'].join('\n');
    const refused = await send('accounts', tooMany).expect(400);
    expect(refused.body.message).toBe('The file has 10001 rows; import at most 10000 at a time.');
  });
});
