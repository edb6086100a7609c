import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../../test/test-app';

type Issue = { field: string; code: string; message: string };
const issues = (body: { details?: Issue[] }) => (body.details ?? []).map((detail) => `${detail.field}:${detail.code}`);

describe('message templates', () => {
  let t: TestApp;
  let owner: SignedUp;
  const environment = (environmentId = owner.productionId) => `/api/environments/${environmentId}`;
  const templates = (environmentId = owner.productionId) => `${environment(environmentId)}/message-templates`;
  const override = (type: string, language: string) => `${templates()}/${type}/${language}`;
  const preview = (body: object) => owner.client.post(`${templates()}/preview`, body);

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http, { organizationName: 'Northwind Heating' });
  });
  afterAll(() => t.close());

  describe('overrides', () => {
    it('starts with none', async () => {
      expect((await owner.client.get(templates()).expect(200)).body).toEqual([]);
    });

    it('stores a subject, an intro or both per type and language, and replaces them', async () => {
      const subject = await owner.client.put(override('confirmed', 'en'), { subject: '  See you on {{date}}, {{contactFirstName}}!  ' }).expect(200);
      expect(subject.body).toEqual({ type: 'confirmed', language: 'en', subject: 'See you on {{date}}, {{contactFirstName}}!', intro: null, updatedAt: expect.any(String) });
      await owner.client.put(override('reminder', 'de'), { intro: 'Wir kommen am {{date}} um {{time}}.\n\nBitte halten Sie den Zugang frei.' }).expect(200);
      await owner.client.put(override('confirmed', 'de'), { subject: 'Termin am {{ date }}', intro: '{{company_name}} freut sich auf Sie.' }).expect(200);
      const replaced = await owner.client.put(override('confirmed', 'en'), { intro: 'Thanks for booking {{serviceName}}.' }).expect(200);
      expect(replaced.body).toMatchObject({ subject: null, intro: 'Thanks for booking {{serviceName}}.' });
      const list = await owner.client.get(templates()).expect(200);
      expect(list.body.map((item: { type: string; language: string }) => `${item.type}/${item.language}`)).toEqual(['confirmed/en', 'confirmed/de', 'reminder/de']);
      expect((await owner.client.get(templates(owner.sandboxId)).expect(200)).body).toEqual([]);
    });

    it('accepts the password reset message and an own snippet key as placeholder', async () => {
      await owner.client.put(`${environment()}/content-snippets/warranty_note/fr`, { text: 'Garantie deux ans.' }).expect(200);
      await owner.client.put(override('password_reset', 'en'), { intro: 'Reset it here. {{warranty_note}} {{page_footer}}' }).expect(200);
    });

    it('refuses an unknown placeholder, naming it, and stores nothing', async () => {
      const res = await owner.client.put(override('confirmed', 'en'), { subject: 'Hi {{firstName}}', intro: 'Your {{ serviceName }} by {{technician}} and {{technician}}.' }).expect(400);
      expect(res.body.details).toEqual([
        { field: 'subject', code: 'unknownPlaceholder', message: 'Subject uses placeholders no message can fill: {{firstName}}. Use a message variable or the key of one of your snippets.' },
        { field: 'intro', code: 'unknownPlaceholder', message: 'Intro uses placeholders no message can fill: {{technician}}. Use a message variable or the key of one of your snippets.' },
      ]);
      expect((await owner.client.get(templates()).expect(200)).body).toEqual([]);
    });

    it.each([
      ['an unknown message type', 'newsletter', 'en', { subject: 'Hi' }, 'type:messageType', '“newsletter” is not a message type. Use one of: invite, confirmed, reminder, rescheduled, canceled, completed, password_reset.'],
      ['an unsupported language', 'confirmed', 'pt', { subject: 'Olá' }, 'language:language', '“pt” is not a supported language. Use one of: en, de, fr, es.'],
      ['neither subject nor intro', 'confirmed', 'en', {}, 'subject:overrideEmpty', 'Give a subject, an intro or both. To go back to the standard text, delete the override instead.'],
      ['both cleared', 'confirmed', 'en', { subject: null, intro: null }, 'subject:overrideEmpty', undefined],
      ['a blank subject', 'confirmed', 'en', { subject: '  ' }, 'subject:isNotEmpty', 'Subject is required.'],
      ['a subject over 200 characters', 'confirmed', 'en', { subject: 's'.repeat(201) }, 'subject:maxLength', 'Subject must be at most 200 characters.'],
      ['an intro over 2000 characters', 'confirmed', 'en', { intro: 'i'.repeat(2001) }, 'intro:maxLength', 'Intro must be at most 2000 characters.'],
      ['an unknown field', 'confirmed', 'en', { subject: 'Hi', body: 'x' }, 'body:unknownField', 'body is not an accepted field.'],
    ])('refuses %s with 400', async (_case, type, language, body, issue, message) => {
      const res = await owner.client.put(override(type, language), body).expect(400);
      expect(issues(res.body)).toEqual([issue]);
      if (message) expect(res.body.details[0].message).toBe(message);
      expect((await owner.client.get(templates()).expect(200)).body).toEqual([]);
    });

    it('deletes an override, then answers 404 for it', async () => {
      await owner.client.put(override('canceled', 'es'), { subject: 'Cita cancelada' }).expect(200);
      await owner.client.delete(override('canceled', 'es')).expect(204);
      expect((await owner.client.get(templates()).expect(200)).body).toEqual([]);
      const again = await owner.client.delete(override('canceled', 'es')).set('Accept-Language', 'es').expect(404);
      expect(again.body).toMatchObject({ code: 'templateOverrideNotFound', message: 'No hay texto propio para este tipo de mensaje en este idioma.' });
      await owner.client.delete(override('cancelled', 'es')).expect(400);
    });

    it('lets a dispatcher read and preview but not change overrides', async () => {
      await owner.client.put(override('confirmed', 'en'), { subject: 'Booked!' }).expect(200);
      const dispatcher = await addMember(t.http, owner, 'dispatcher');
      expect((await dispatcher.client.get(templates()).expect(200)).body).toHaveLength(1);
      await dispatcher.client.post(`${templates()}/preview`, { type: 'confirmed', language: 'en' }).expect(200);
      await dispatcher.client.put(override('confirmed', 'en'), { subject: 'Sneaky' }).expect(403);
      await dispatcher.client.delete(override('confirmed', 'en')).expect(403);
      expect((await owner.client.get(templates()).expect(200)).body[0].subject).toBe('Booked!');
    });

    it('records creation, change and deletion in the audit trail', async () => {
      await owner.client.put(override('completed', 'fr'), { subject: 'Merci !' }).expect(200);
      await owner.client.put(override('completed', 'fr'), { subject: 'Merci beaucoup !', intro: 'À bientôt.' }).expect(200);
      await owner.client.delete(override('completed', 'fr')).expect(204);
      const audit = await owner.client.get(`${environment()}/audit-events?limit=3`).expect(200);
      expect(audit.body.items).toMatchObject([
        { action: 'message_template.deleted', details: { type: 'completed', language: 'fr', subject: 'Merci beaucoup !', intro: 'À bientôt.' } },
        { action: 'message_template.updated', details: { type: 'completed', language: 'fr', subject: { from: 'Merci !', to: 'Merci beaucoup !' }, intro: { from: null, to: 'À bientôt.' } } },
        { action: 'message_template.created', details: { type: 'completed', language: 'fr', subject: { from: null, to: 'Merci !' } } },
      ]);
    });
  });

  describe('preview', () => {
    it('renders the standard message with the portal name as company name and sample booking data', async () => {
      const res = await preview({ type: 'confirmed', language: 'en' }).expect(200);
      expect(res.body).toEqual({
        subject: expect.stringMatching(/^Confirmed: Furnace tune-up on /),
        text: expect.stringContaining('Hello Jordan,'),
        html: expect.stringContaining('<html'),
        sms: expect.stringContaining('Northwind Heating: your Furnace tune-up appointment on'),
        smsLength: { encoding: expect.any(String), characters: expect.any(Number), segments: expect.any(Number) },
      });
      expect(res.body.text).toContain('1428 Maple Avenue, Springfield, IL 62704, US');
      expect(res.body.text).toContain('WO-7KX3M9QD');
      expect(res.body.text).toContain(`http://fieldbook.test/p/`);
    });

    it('uses the environment’s own bookable service type and its name in the message language', async () => {
      await owner.client
        .post(`${environment()}/service-types`, { name: 'AC check', durationMinutes: 60, portalEnabled: true, displayNames: { de: 'Klimaanlagen-Check' } })
        .expect(201);
      expect((await preview({ type: 'reminder', language: 'de' }).expect(200)).body.subject).toMatch(/^Erinnerung: Klimaanlagen-Check am /);
      expect((await preview({ type: 'reminder', language: 'fr' }).expect(200)).body.subject).toMatch(/AC check/);
    });

    it('renders the stored override, and unsaved text in its place', async () => {
      await owner.client.put(override('confirmed', 'en'), { subject: 'Booked: {{serviceName}} for {{contactFirstName}}', intro: 'Stored intro.' }).expect(200);
      const stored = await preview({ type: 'confirmed', language: 'en' }).expect(200);
      expect(stored.body.subject).toBe('Booked: Furnace tune-up for Jordan');
      expect(stored.body.text).toContain('Stored intro.');
      const unsaved = await preview({ type: 'confirmed', language: 'en', subject: 'Draft for {{contactLastName}}' }).expect(200);
      expect(unsaved.body.subject).toBe('Draft for Rivera');
      expect(unsaved.body.text).toContain('Stored intro.');
      const standard = await preview({ type: 'confirmed', language: 'en', subject: null, intro: null }).expect(200);
      expect(standard.body.subject).toMatch(/^Confirmed: /);
      expect(standard.body.text).not.toContain('Stored intro.');
      // Another language does not borrow the English override.
      expect((await preview({ type: 'confirmed', language: 'es' }).expect(200)).body.subject).not.toContain('Booked');
    });

    it('escapes HTML put in a snippet or an override, in the HTML email', async () => {
      await owner.client.put(`${environment()}/content-snippets/company_name/en`, { text: '<b>Bold</b> & "Co"' }).expect(200);
      await owner.client.put(`${environment()}/content-snippets/page_footer/en`, { text: '<script>alert(1)</script>' }).expect(200);
      const res = await preview({ type: 'completed', language: 'en', intro: '<img src=x onerror=alert(1)> from {{company_name}}' }).expect(200);
      expect(res.body.html).toContain('&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Co&quot;');
      expect(res.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(res.body.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(res.body.html).not.toContain('<b>Bold');
      expect(res.body.html).not.toContain('<script>');
      expect(res.body.html).not.toContain('<img src=x');
      expect(res.body.text).toContain('<b>Bold</b> & "Co"');
    });

    it('uses snippets of the message language, then English', async () => {
      await owner.client.put(`${environment()}/content-snippets/company_name/en`, { text: 'Northwind Heating & Air' }).expect(200);
      await owner.client.put(`${environment()}/content-snippets/company_name/de`, { text: 'Nordwind Heizung' }).expect(200);
      expect((await preview({ type: 'completed', language: 'de' }).expect(200)).body.sms).toContain('Nordwind Heizung');
      expect((await preview({ type: 'completed', language: 'fr' }).expect(200)).body.sms).toContain('Northwind Heating & Air');
    });

    it.each(['invite', 'confirmed', 'reminder', 'rescheduled', 'canceled', 'completed', 'password_reset'])('renders a %s message in every language', async (type) => {
      for (const language of ['en', 'de', 'fr', 'es']) {
        const res = await preview({ type, language }).expect(200);
        expect(res.body.subject.length).toBeGreaterThan(0);
        expect(res.body.sms.length).toBeGreaterThan(0);
      }
    });

    it('shows the first reminder day in a reminder', async () => {
      await owner.client.patch(`${environment()}/message-settings`, { reminderLeadDays: [5, 3] }).expect(200);
      expect((await preview({ type: 'reminder', language: 'en' }).expect(200)).body.text).toContain('your appointment is in 3 days');
    });

    it('refuses an unknown placeholder in unsaved text, an unknown type and an unsupported language', async () => {
      const placeholder = await preview({ type: 'confirmed', language: 'en', intro: 'Hello {{nickname}}' }).expect(400);
      expect(issues(placeholder.body)).toEqual(['intro:unknownPlaceholder']);
      expect(issues((await preview({ type: 'newsletter', language: 'en' }).expect(400)).body)).toEqual(['type:isIn']);
      expect(issues((await preview({ type: 'confirmed', language: 'ar' }).expect(400)).body)).toEqual(['language:isIn']);
      expect(issues((await preview({ language: 'en' }).expect(400)).body)).toEqual(['type:isNotEmpty']);
    });
  });
});
