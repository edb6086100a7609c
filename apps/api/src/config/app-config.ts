import { resolve } from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface DatabaseConfig {
  /** Owner connection (runs migrations). Unset: the embedded PostgreSQL is started. */
  url?: string;
  /** The API's own login role (owns nothing, no BYPASSRLS). Unset: derived from `url`. */
  appUrl?: string;
  appRole: string;
  appPassword: string;
  /** Where the embedded PostgreSQL keeps its files. */
  dataDir: string;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  sessionSecret: string;
  /** Encrypts stored connector credentials (the current key of the keyring). */
  encryptionKey: string;
  /** Earlier encryption keys, still able to decrypt until `rotate-keys` has re-wrapped everything. */
  encryptionKeysOld: string[];
  /** Folders searched for connector packages (each holds package folders, `@scope/` folders too). */
  connectorPaths: string[];
  /** How long one call into a connector (verify, test send) may take. */
  connectorTimeoutMs: number;
  logLevel: LogLevel;
  /** Express `trust proxy`: needed for Secure cookies and client IPs behind a load balancer. */
  trustProxy: boolean | number;
  seedDemo: boolean;
  /** Folder holding the built Angular apps (`admin/browser`, `portal/browser`). */
  staticRoot: string;
  sessionIdleHours: number;
  /** What this process does besides serving HTTP: deliver queued messages, run the reminder schedule. */
  roles: { worker: boolean; scheduler: boolean };
  /** Message delivery: how many attempts, the first retry's delay (doubling after), messages worked at once. */
  delivery: { attempts: number; retryDelaySeconds: number; concurrency: number };
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Fieldbook cannot start: its configuration is not valid.\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

/** Development defaults; production refuses to start on any of them. */
export const DEVELOPMENT_DEFAULTS = {
  sessionSecret: 'development-only-session-secret-do-not-use-in-production',
  encryptionKey: 'development-only-encryption-key-do-not-use-in-production',
  appPassword: 'fieldbook-app-development-password',
} as const;

type Env = Record<string, string | undefined>;

function parseBoolean(name: string, value: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  problems.push(`${name} must be true or false (got "${value}").`);
  return fallback;
}

function parseUrl(name: string, value: string, problems: string[], protocols: string[]): string {
  try {
    const url = new URL(value);
    if (!protocols.includes(url.protocol)) problems.push(`${name} must start with ${protocols.join(' or ')}.`);
  } catch {
    problems.push(`${name} is not a valid URL.`);
  }
  return value;
}

/** The one place that reads process.env. Everything else receives an AppConfig. */
export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const nodeEnvRaw = env['NODE_ENV'] ?? 'development';
  const nodeEnv: NodeEnv = nodeEnvRaw === 'production' || nodeEnvRaw === 'test' ? nodeEnvRaw : 'development';

  const portRaw = env['PORT'] ?? '3000';
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a whole number from 0 to 65535 (got "${portRaw}").`);

  const publicUrl = (env['PUBLIC_URL'] ?? `http://localhost:${port}`).replace(/\/+$/, '');
  parseUrl('PUBLIC_URL', publicUrl, problems, ['http:', 'https:']);

  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl) parseUrl('DATABASE_URL', databaseUrl, problems, ['postgres:', 'postgresql:']);
  const databaseAppUrl = env['DATABASE_APP_URL'] || undefined;
  if (databaseAppUrl) parseUrl('DATABASE_APP_URL', databaseAppUrl, problems, ['postgres:', 'postgresql:']);
  const appRole = env['DATABASE_APP_ROLE'] ?? 'fieldbook_app';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(appRole)) problems.push('DATABASE_APP_ROLE must be a lower-case PostgreSQL identifier.');

  const logLevel = (env['LOG_LEVEL'] ?? (nodeEnv === 'test' ? 'silent' : 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);

  const trustProxyRaw = env['TRUST_PROXY'];
  let trustProxy: boolean | number = false;
  if (trustProxyRaw && /^\d+$/.test(trustProxyRaw)) trustProxy = Number(trustProxyRaw);
  else trustProxy = parseBoolean('TRUST_PROXY', trustProxyRaw, false, problems);

  const sessionIdleHours = Number(env['SESSION_IDLE_HOURS'] ?? '12');
  if (!(sessionIdleHours > 0 && sessionIdleHours <= 24 * 30)) problems.push('SESSION_IDLE_HOURS must be a number of hours from 1 to 720.');

  const encryptionKeysOld = (env['APP_ENCRYPTION_KEYS_OLD'] ?? '').split(',').map((key) => key.trim()).filter((key) => key !== '');
  if (encryptionKeysOld.some((key) => key.length < 32)) problems.push('Every key in APP_ENCRYPTION_KEYS_OLD must be at least 32 characters (separate keys with commas).');

  // Built plugins and installed packages; the tests load the plugins' TypeScript sources instead.
  const connectorPathsRaw = env['CONNECTOR_PATHS'] ?? (nodeEnv === 'test' ? 'plugins,node_modules' : 'dist/plugins,node_modules');
  const connectorPaths = connectorPathsRaw.split(',').map((path) => path.trim()).filter((path) => path !== '').map((path) => resolve(path));

  const connectorTimeoutMs = Number(env['CONNECTOR_TIMEOUT_MS'] ?? '15000');
  if (!Number.isInteger(connectorTimeoutMs) || connectorTimeoutMs < 100 || connectorTimeoutMs > 120_000) {
    problems.push('CONNECTOR_TIMEOUT_MS must be a whole number of milliseconds from 100 to 120000.');
  }

  const rolesRaw = (env['APP_ROLES'] ?? 'api,worker,scheduler').split(',').map((role) => role.trim()).filter((role) => role !== '');
  const unknownRoles = rolesRaw.filter((role) => !['api', 'worker', 'scheduler'].includes(role));
  if (unknownRoles.length) problems.push(`APP_ROLES may list api, worker and scheduler (got "${unknownRoles.join(', ')}").`);

  const wholeNumber = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name] ?? String(fallback);
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
    return value;
  };
  const delivery = {
    attempts: wholeNumber('DELIVERY_ATTEMPTS', 6, 1, 20),
    retryDelaySeconds: wholeNumber('DELIVERY_RETRY_DELAY_SECONDS', 30, 1, 3600),
    concurrency: wholeNumber('DELIVERY_CONCURRENCY', 4, 1, 64),
  };

  const config: AppConfig = {
    nodeEnv,
    port,
    publicUrl,
    database: {
      url: databaseUrl,
      appUrl: databaseAppUrl,
      appRole,
      appPassword: env['DATABASE_APP_PASSWORD'] ?? DEVELOPMENT_DEFAULTS.appPassword,
      dataDir: resolve(env['DATA_DIR'] ?? '.data'),
    },
    sessionSecret: env['SESSION_SECRET'] ?? DEVELOPMENT_DEFAULTS.sessionSecret,
    encryptionKey: env['APP_ENCRYPTION_KEY'] ?? DEVELOPMENT_DEFAULTS.encryptionKey,
    encryptionKeysOld,
    connectorPaths,
    connectorTimeoutMs,
    logLevel,
    trustProxy,
    seedDemo: parseBoolean('SEED_DEMO', env['SEED_DEMO'], nodeEnv === 'development', problems),
    staticRoot: resolve(env['STATIC_ROOT'] ?? 'dist/apps'),
    sessionIdleHours,
    roles: { worker: rolesRaw.includes('worker'), scheduler: rolesRaw.includes('scheduler') },
    delivery,
  };

  if (config.sessionSecret.length < 32) problems.push('SESSION_SECRET must be at least 32 characters.');
  if (config.encryptionKey.length < 32) problems.push('APP_ENCRYPTION_KEY must be at least 32 characters.');
  if (nodeEnv === 'production') problems.push(...productionProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function productionProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  const prefix = 'NODE_ENV=production refuses development defaults:';
  if (!config.database.url) problems.push(`${prefix} set DATABASE_URL (the embedded PostgreSQL is for development only).`);
  if (config.sessionSecret === DEVELOPMENT_DEFAULTS.sessionSecret) problems.push(`${prefix} set SESSION_SECRET.`);
  if (config.encryptionKey === DEVELOPMENT_DEFAULTS.encryptionKey) problems.push(`${prefix} set APP_ENCRYPTION_KEY.`);
  if (!config.database.appUrl && config.database.appPassword === DEVELOPMENT_DEFAULTS.appPassword) {
    problems.push(`${prefix} set DATABASE_APP_PASSWORD (or DATABASE_APP_URL).`);
  }
  if (config.seedDemo) problems.push(`${prefix} SEED_DEMO must be off.`);
  return problems;
}
