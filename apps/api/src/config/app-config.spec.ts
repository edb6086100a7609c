import { ConfigError, loadConfig } from './app-config';

const productionEnv = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://fieldbook_owner@db:5432/fieldbook',
  DATABASE_APP_PASSWORD: 'a-real-secret-app-password',
  SESSION_SECRET: 's'.repeat(40),
  APP_ENCRYPTION_KEY: 'k'.repeat(40),
  PUBLIC_URL: 'https://book.example.com/',
};

describe('configuration', () => {
  it('runs on development defaults: embedded PostgreSQL, port 3000, demo seed', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ nodeEnv: 'development', port: 3000, publicUrl: 'http://localhost:3000', seedDemo: true });
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toMatch(/\.data$/);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig(productionEnv);
    expect(config).toMatchObject({ nodeEnv: 'production', publicUrl: 'https://book.example.com', seedDemo: false });
  });

  it.each([
    ['DATABASE_URL', /set DATABASE_URL/],
    ['SESSION_SECRET', /set SESSION_SECRET/],
    ['APP_ENCRYPTION_KEY', /set APP_ENCRYPTION_KEY/],
    ['DATABASE_APP_PASSWORD', /set DATABASE_APP_PASSWORD/],
  ])('refuses to start in production without %s', (name, message) => {
    const env: Record<string, string | undefined> = { ...productionEnv, [name]: undefined };
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses the demo seed in production', () => {
    expect(() => loadConfig({ ...productionEnv, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO must be off/);
  });

  it('names every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', SESSION_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('PORT must be a whole number');
    expect(message).toContain('LOG_LEVEL must be one of');
    expect(message).toContain('DATABASE_URL must start with postgres: or postgresql:');
    expect(message).toContain('SESSION_SECRET must be at least 32 characters');
  });
});

describe('messaging configuration', () => {
  it('reads the old encryption keys, where to find connectors and how long to wait for one', () => {
    const config = loadConfig({ APP_ENCRYPTION_KEYS_OLD: ` ${'a'.repeat(32)} ,${'b'.repeat(40)},`, CONNECTOR_PATHS: '/opt/connectors, node_modules', CONNECTOR_TIMEOUT_MS: '5000' });
    expect(config.encryptionKeysOld).toEqual(['a'.repeat(32), 'b'.repeat(40)]);
    expect(config.connectorPaths).toEqual(['/opt/connectors', expect.stringMatching(/\/node_modules$/)]);
    expect(config.connectorTimeoutMs).toBe(5000);
  });

  it('looks for built plugins and installed packages by default, and for the plugin sources under test', () => {
    expect(loadConfig({}).connectorPaths.map((path) => path.split('/').slice(-2).join('/'))).toEqual(['dist/plugins', expect.stringMatching(/\/node_modules$/)]);
    expect(loadConfig({ NODE_ENV: 'test' }).connectorPaths.map((path) => path.split('/').pop())).toEqual(['plugins', 'node_modules']);
    expect(loadConfig({}).connectorTimeoutMs).toBe(15000);
    expect(loadConfig({}).encryptionKeysOld).toEqual([]);
  });

  it('refuses a short old key and a timeout out of range', () => {
    expect(() => loadConfig({ APP_ENCRYPTION_KEYS_OLD: 'too-short' })).toThrow(/Every key in APP_ENCRYPTION_KEYS_OLD must be at least 32 characters/);
    expect(() => loadConfig({ CONNECTOR_TIMEOUT_MS: '50' })).toThrow(/CONNECTOR_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000/);
    expect(() => loadConfig({ CONNECTOR_TIMEOUT_MS: 'soon' })).toThrow(/CONNECTOR_TIMEOUT_MS/);
  });
});
