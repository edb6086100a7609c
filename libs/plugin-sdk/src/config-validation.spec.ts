import { ConfigField } from './connector';
import { isSecretField, maskSecrets, validateConfig } from './config-validation';

const schema: ConfigField[] = [
  { key: 'host', type: 'string', label: 'Host', required: true },
  { key: 'port', type: 'number', label: 'Port', required: true, min: 1, max: 65535 },
  { key: 'secure', type: 'boolean', label: 'TLS', required: false, default: false },
  { key: 'password', type: 'secret', label: 'Password', required: true },
  { key: 'token', type: 'string', label: 'Token', required: false, secret: true },
  { key: 'from', type: 'email', label: 'Sender', required: false },
  { key: 'endpoint', type: 'url', label: 'Endpoint', required: false },
  { key: 'region', type: 'select', label: 'Region', required: false, options: [{ value: 'eu', label: 'Europe' }, { value: 'us', label: 'United States' }] },
  { key: 'sender', type: 'string', label: 'Sender ID', required: false, maxLength: 11, pattern: { source: '^[A-Za-z0-9]+$', message: 'Sender ID may contain letters and digits only.' } },
];

const valid = { host: 'smtp.example.com', port: 587, password: ' pass word ' };

function issuesOf(input: Record<string, unknown>) {
  const result = validateConfig(schema, input);
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.config)}`);
  return result.issues;
}

describe('validateConfig', () => {
  it('accepts valid settings, fills defaults and keeps secrets exactly as typed', () => {
    expect(validateConfig(schema, { ...valid, host: '  smtp.example.com ' })).toEqual({ ok: true, config: { host: 'smtp.example.com', port: 587, secure: false, password: ' pass word ' } });
  });

  it('reports every missing required field at once', () => {
    expect(issuesOf({})).toEqual([
      { key: 'host', code: 'required', params: { label: 'Host' }, message: 'Host is required.' },
      { key: 'port', code: 'required', params: { label: 'Port' }, message: 'Port is required.' },
      { key: 'password', code: 'required', params: { label: 'Password' }, message: 'Password is required.' },
    ]);
  });

  it('treats blank and null values as missing', () => {
    expect(issuesOf({ ...valid, host: '   ', port: null }).map((issue) => [issue.key, issue.code])).toEqual([
      ['host', 'required'],
      ['port', 'required'],
    ]);
  });

  it('converts numbers and booleans sent as text by forms', () => {
    expect(validateConfig(schema, { ...valid, port: '2525', secure: 'true' })).toMatchObject({ ok: true, config: { port: 2525, secure: true } });
    expect(validateConfig(schema, { ...valid, secure: 'false' })).toMatchObject({ ok: true, config: { secure: false } });
  });

  it('reports a wrong type against its field', () => {
    expect(issuesOf({ ...valid, port: 'many', secure: 'perhaps', host: 42 }).map((issue) => [issue.key, issue.code, issue.params['type']])).toEqual([
      ['host', 'type', 'text'],
      ['port', 'type', 'number'],
      ['secure', 'type', 'boolean'],
    ]);
    expect(issuesOf({ ...valid, port: Number.POSITIVE_INFINITY })[0]).toMatchObject({ key: 'port', code: 'type' });
  });

  it('enforces number limits', () => {
    expect(issuesOf({ ...valid, port: 0 })).toEqual([{ key: 'port', code: 'min', params: { label: 'Port', min: 1 }, message: 'Port must be at least 1.' }]);
    expect(issuesOf({ ...valid, port: 70000 })).toEqual([{ key: 'port', code: 'max', params: { label: 'Port', max: 65535 }, message: 'Port must be at most 65535.' }]);
  });

  it('checks email addresses, URLs and choices', () => {
    expect(issuesOf({ ...valid, from: 'not an address' })[0]).toMatchObject({ key: 'from', code: 'type', params: { type: 'email' } });
    expect(issuesOf({ ...valid, endpoint: 'ftp://files.example.com' })[0]).toMatchObject({ key: 'endpoint', code: 'type', message: 'Endpoint must be an http(s) URL.' });
    expect(issuesOf({ ...valid, endpoint: 'nowhere' })[0]).toMatchObject({ key: 'endpoint', code: 'type' });
    expect(issuesOf({ ...valid, region: 'mars' })[0]).toEqual({ key: 'region', code: 'option', params: { label: 'Region', values: 'eu, us' }, message: 'Region must be one of: eu, us.' });
    expect(validateConfig(schema, { ...valid, from: 'office@example.com', endpoint: 'https://api.example.com/v1', region: 'eu' })).toMatchObject({ ok: true });
  });

  it('applies length limits and patterns, with the schema author’s message', () => {
    expect(issuesOf({ ...valid, sender: 'FieldbookHeating' })[0]).toMatchObject({ key: 'sender', code: 'maxLength', params: { max: 11 } });
    expect(issuesOf({ ...valid, sender: 'Field book' })[0]).toEqual({ key: 'sender', code: 'pattern', params: { label: 'Sender ID', hint: 'Sender ID may contain letters and digits only.' }, message: 'Sender ID may contain letters and digits only.' });
    expect(issuesOf({ ...valid, host: 'h'.repeat(2001) })[0]).toMatchObject({ key: 'host', code: 'maxLength', params: { max: 2000 } });
  });

  it('refuses settings the connector does not have', () => {
    expect(issuesOf({ ...valid, hots: 'typo' })).toEqual([{ key: 'hots', code: 'unknown', params: { key: 'hots' }, message: 'hots is not a setting of this connector.' }]);
  });
});

describe('maskSecrets', () => {
  it('masks secret fields, keeps the rest and leaves out what is not set', () => {
    expect(maskSecrets(schema, { host: 'smtp.example.com', port: 587, password: 'hunter22', token: 'tok-123456' })).toEqual({ host: 'smtp.example.com', port: 587, password: '••••••••', token: '••••••••' });
  });

  it('does not reveal the length of a secret', () => {
    const short = maskSecrets(schema, { password: 'a' })['password'];
    const long = maskSecrets(schema, { password: 'a'.repeat(64) })['password'];
    expect(short).toBe(long);
  });

  it('drops keys that are not in the schema', () => {
    expect(maskSecrets(schema, { host: 'h', apiKey: 'leaked?' })).toEqual({ host: 'h' });
  });
});

describe('isSecretField', () => {
  it('knows a secret by its type or by its flag', () => {
    expect(schema.filter(isSecretField).map((field) => field.key)).toEqual(['password', 'token']);
  });
});
