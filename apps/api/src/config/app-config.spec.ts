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
