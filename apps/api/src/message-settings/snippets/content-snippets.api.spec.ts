import { SignedUp, TestApp, addMember, signUpOrganization, startTestApp } from '../../../test/test-app';

type Issue = { field: string; code: string; message: string };

describe('content snippets', () => {
  let t: TestApp;
  let owner: SignedUp;
  const snippets = (environmentId = owner.productionId) => `/api/environments/${environmentId}/content-snippets`;
  const snippet = (key: string, language: string) => `${snippets()}/${key}/${language}`;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    owner = await signUpOrganization(t.http);
  });
  afterAll(() => t.close());

  it('starts empty', async () => {
    expect((await owner.client.get(snippets()).expect(200)).body).toEqual([]);
  });

  it('stores standard and own keys per language, replaces a text, and lists them by key and language', async () => {
    const created = await owner.client.put(snippet('company_name', 'de'), { text: '  Nordwind Heizung  ' }).expect(200);
    expect(created.body).toEqual({ key: 'company_name', language: 'de', text: 'Nordwind Heizung', updatedAt: expect.any(String) });
    await owner.client.put(snippet('company_name', 'en'), { text: 'Northwind Heating' }).expect(200);
    await owner.client.put(snippet('warranty_note', 'en'), { text: 'Parts carry a two-year warranty.\nLabour one year.' }).expect(200);
    const replaced = await owner.client.put(snippet('company_name', 'en'), { text: 'Northwind Heating & Air' }).expect(200);
    expect(replaced.body.text).toBe('Northwind Heating & Air');
    const list = await owner.client.get(snippets()).expect(200);
    expect(list.body.map((item: { key: string; language: string; text: string }) => `${item.key}/${item.language}: ${item.text}`)).toEqual([
      'company_name/en: Northwind Heating & Air',
      'company_name/de: Nordwind Heizung',
      'warranty_note/en: Parts carry a two-year warranty.\nLabour one year.',
    ]);
    expect((await owner.client.get(snippets(owner.sandboxId)).expect(200)).body).toEqual([]);
  });

  it('accepts a text of 2000 characters and a key of 40', async () => {
    const key = `k${'0'.repeat(39)}`;
    await owner.client.put(snippet(key, 'fr'), { text: 'é'.repeat(2000) }).expect(200);
  });

  it.each([
    ['an upper-case key', 'Company_Name', 'en', { text: 'x' }, 'key:snippetKey', '“Company_Name” is not a valid snippet key. Use lower-case letters, digits and _, starting with a letter, at most 40 characters.'],
    ['a key starting with a digit', '1st_line', 'en', { text: 'x' }, 'key:snippetKey', undefined],
    ['a key with a dash', 'page-footer', 'en', { text: 'x' }, 'key:snippetKey', undefined],
    ['a key of 41 characters', `k${'0'.repeat(40)}`, 'en', { text: 'x' }, 'key:snippetKey', undefined],
    ['an unsupported language', 'company_name', 'it', { text: 'x' }, 'language:language', '“it” is not a supported language. Use one of: en, de, fr, es.'],
    ['a right-to-left language', 'company_name', 'ar', { text: 'x' }, 'language:language', undefined],
    ['an empty text', 'company_name', 'en', { text: '   ' }, 'text:isNotEmpty', 'Text is required.'],
    ['a text over 2000 characters', 'company_name', 'en', { text: 'x'.repeat(2001) }, 'text:maxLength', 'Text must be at most 2000 characters.'],
    ['a text that is not text', 'company_name', 'en', { text: 42 }, 'text:isString', 'Text must be text.'],
    ['an unknown field', 'company_name', 'en', { text: 'x', language: 'de' }, 'language:unknownField', 'Language is not an accepted field.'],
  ])('refuses %s with 400 and stores nothing', async (_case, key, language, body, issue, message) => {
    const res = await owner.client.put(snippet(key, language), body).expect(400);
    expect(res.body.details.map((detail: Issue) => `${detail.field}:${detail.code}`)).toEqual([issue]);
    if (message) expect(res.body.details[0].message).toBe(message);
    expect((await owner.client.get(snippets()).expect(200)).body).toEqual([]);
  });

  it('refuses a new own key once the environment has 100, but still takes standard keys and known ones', async () => {
    await t.owner.query(
      `INSERT INTO content_snippet (environment_id, key, language, text) SELECT $1, 'custom_' || n, 'en', 'Text ' || n FROM generate_series(1, 100) AS n`,
      [owner.productionId],
    );
    const res = await owner.client.put(snippet('one_more', 'en'), { text: 'x' }).expect(400);
    expect(res.body.details).toEqual([
      { field: 'key', code: 'tooManySnippetKeys', message: 'This environment already has 100 snippet keys of its own. Delete one you no longer use first.' },
    ]);
    await owner.client.put(snippet('custom_7', 'de'), { text: 'Text 7' }).expect(200);
    await owner.client.put(snippet('page_footer', 'en'), { text: 'Licensed and insured.' }).expect(200);
  });

  it('deletes the text of one language and leaves the others', async () => {
    await owner.client.put(snippet('page_footer', 'en'), { text: 'Licensed and insured.' }).expect(200);
    await owner.client.put(snippet('page_footer', 'es'), { text: 'Empresa autorizada y asegurada.' }).expect(200);
    await owner.client.delete(snippet('page_footer', 'en')).expect(204);
    expect((await owner.client.get(snippets()).expect(200)).body).toMatchObject([{ key: 'page_footer', language: 'es' }]);
    const again = await owner.client.delete(snippet('page_footer', 'en')).expect(404);
    expect(again.body).toMatchObject({ code: 'snippetNotFound', message: 'There is no snippet “page_footer” in the language “en”.' });
    const malformed = await owner.client.delete(snippet('Page-Footer', 'en')).expect(400);
    expect(malformed.body.details[0].code).toBe('snippetKey');
    await owner.client.delete(snippet('page_footer', 'xx')).expect(400);
  });

  it('lets a dispatcher read snippets but not change them', async () => {
    await owner.client.put(snippet('company_name', 'en'), { text: 'Northwind Heating' }).expect(200);
    const dispatcher = await addMember(t.http, owner, 'dispatcher');
    expect((await dispatcher.client.get(snippets()).expect(200)).body).toHaveLength(1);
    await dispatcher.client.put(snippet('company_name', 'en'), { text: 'Sneaky' }).expect(403);
    await dispatcher.client.delete(snippet('company_name', 'en')).expect(403);
    expect((await owner.client.get(snippets()).expect(200)).body[0].text).toBe('Northwind Heating');
  });

  it('records creation, change and deletion with the texts', async () => {
    await owner.client.put(snippet('contact_phone', 'en'), { text: '+1 312 555 0100' }).expect(200);
    await owner.client.put(snippet('contact_phone', 'en'), { text: '+1 312 555 0199' }).expect(200);
    await owner.client.delete(snippet('contact_phone', 'en')).expect(204);
    const audit = await owner.client.get(`/api/environments/${owner.productionId}/audit-events?limit=3`).expect(200);
    expect(audit.body.items).toMatchObject([
      { action: 'content_snippet.deleted', details: { key: 'contact_phone', language: 'en', text: '+1 312 555 0199' } },
      { action: 'content_snippet.updated', details: { key: 'contact_phone', language: 'en', text: { from: '+1 312 555 0100', to: '+1 312 555 0199' } } },
      { action: 'content_snippet.created', details: { key: 'contact_phone', language: 'en', text: { from: null, to: '+1 312 555 0100' } } },
    ]);
  });
});
