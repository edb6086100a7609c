import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Channel, Connector, ConnectorManifest, connectorProblems } from '@fieldbook/plugin-sdk';
import { ConnectorInfo } from '@fieldbook/contracts';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { loadModule } from './plugin-loader';

/** A connector the API can use, with where it came from. */
export interface InstalledConnector {
  connector: Connector;
  /** A copy of the manifest taken at discovery: what is listed and validated against. */
  manifest: ConnectorManifest;
  packageName: string;
  packageDir: string;
}

/** Something offered as a connector that the API does not use, and why. */
export interface SkippedConnector {
  /** Package name, or folder when the package has no readable name. */
  source: string;
  reason: string;
}

export interface Discovery {
  connectors: InstalledConnector[];
  skipped: SkippedConnector[];
}

interface PackageJson {
  name?: unknown;
  main?: unknown;
  fieldbook?: { connector?: unknown };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Package folders directly under `root`, and under its `@scope/` folders. */
function packageFolders(root: string): string[] {
  if (!isDirectory(root)) return [];
  const folders: string[] = [];
  for (const name of readdirSync(root).sort()) {
    if (name.startsWith('.')) continue;
    const path = join(root, name);
    if (name.startsWith('@')) {
      if (!isDirectory(path)) continue;
      for (const inner of readdirSync(path).sort()) if (!inner.startsWith('.') && isDirectory(join(path, inner))) folders.push(join(path, inner));
    } else if (isDirectory(path)) folders.push(path);
  }
  return folders;
}

function readPackage(folder: string): PackageJson | undefined {
  const file = join(folder, 'package.json');
  if (!existsSync(file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as PackageJson) : undefined;
  } catch {
    // Not ours to judge: a package without a readable manifest declares no connector either.
    return undefined;
  }
}

/**
 * The file to load: the package's `main`; in a source checkout where only the TypeScript exists
 * (workspace plugins under the test runner), the `.ts` next to where `main` will be built.
 */
function entryFile(folder: string, pkg: PackageJson): string | undefined {
  const main = typeof pkg.main === 'string' && pkg.main.trim() !== '' ? pkg.main : 'index.js';
  const base = join(folder, main);
  const candidates = [base, `${base}.js`, join(base, 'index.js'), base.replace(/\.js$/, '.ts'), join(base, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && !isDirectory(candidate));
}

function exportedCandidates(loaded: unknown): unknown[] {
  const value = typeof loaded === 'object' && loaded !== null && 'default' in loaded ? (loaded as { default: unknown }).default : loaded;
  return Array.isArray(value) ? value : [value];
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 300);
}

/**
 * Finds connectors in package folders under `roots` (a workspace's `plugins/` or `dist/plugins/`,
 * `node_modules` — scoped packages too) that declare `"fieldbook": {"connector": true}`. A package
 * may export one connector or an array of them, as its default export or as `module.exports`.
 * Nothing here throws: a package that fails to load, exports something that is not a valid
 * connector, or repeats an id already found is skipped with the reason.
 */
export function discoverConnectors(roots: string[], load: (path: string) => unknown = loadModule): Discovery {
  const connectors: InstalledConnector[] = [];
  const skipped: SkippedConnector[] = [];
  const byId = new Map<string, InstalledConnector>();
  const seenFolders = new Set<string>();
  for (const root of roots) {
    for (const folder of packageFolders(root)) {
      if (seenFolders.has(folder)) continue;
      seenFolders.add(folder);
      const pkg = readPackage(folder);
      if (pkg?.fieldbook?.connector !== true) continue;
      const packageName = typeof pkg.name === 'string' && pkg.name !== '' ? pkg.name : folder;
      const entry = entryFile(folder, pkg);
      if (!entry) {
        skipped.push({ source: packageName, reason: `its entry file (${String(pkg.main ?? 'index.js')}) does not exist in ${folder}; build the package first.` });
        continue;
      }
      let loaded: unknown;
      try {
        loaded = load(entry);
      } catch (error) {
        skipped.push({ source: packageName, reason: `it could not be loaded: ${describeError(error)}` });
        continue;
      }
      const candidates = exportedCandidates(loaded);
      if (candidates.length === 0) skipped.push({ source: packageName, reason: 'it exports an empty list of connectors.' });
      candidates.forEach((candidate, index) => {
        const label = candidates.length > 1 ? `${packageName} (connector ${index + 1})` : packageName;
        let problems: string[];
        try {
          problems = connectorProblems(candidate);
        } catch (error) {
          problems = [`its manifest could not be read: ${describeError(error)}`];
        }
        if (problems.length > 0) {
          skipped.push({ source: label, reason: `it is not a valid connector: ${problems.join(' ')}` });
          return;
        }
        const connector = candidate as Connector;
        let manifest: ConnectorManifest;
        try {
          manifest = structuredClone(connector.manifest);
        } catch {
          skipped.push({ source: label, reason: 'its manifest is not plain data (functions or classes inside).' });
          return;
        }
        const earlier = byId.get(manifest.id);
        if (earlier) {
          skipped.push({ source: label, reason: `the id "${manifest.id}" is already taken by ${earlier.packageName}; the first one found is used.` });
          return;
        }
        const installed = { connector, manifest, packageName, packageDir: folder };
        byId.set(manifest.id, installed);
        connectors.push(installed);
      });
    }
  }
  return { connectors, skipped };
}

export function toConnectorInfo(installed: InstalledConnector): ConnectorInfo {
  const { manifest } = installed;
  return {
    id: manifest.id,
    displayName: manifest.displayName,
    channel: manifest.channel,
    version: manifest.version,
    description: manifest.description ?? null,
    capabilities: manifest.capabilities,
    configSchema: manifest.configSchema,
    packageName: installed.packageName,
  };
}

/**
 * The connectors this API found at start-up (see `discoverConnectors`), by id. Under the test
 * runner discovery waits for the first question, so suites that never ask do not compile every
 * plugin.
 */
@Injectable()
export class ConnectorRegistry implements OnModuleInit {
  private readonly logger = new Logger('Connectors');
  private discovered?: Map<string, InstalledConnector>;
  private skippedConnectors: SkippedConnector[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    if (this.config.nodeEnv !== 'test') this.discover();
  }

  private get connectors(): Map<string, InstalledConnector> {
    return this.discovered ?? this.discover();
  }

  private discover(): Map<string, InstalledConnector> {
    return this.replace(discoverConnectors(this.config.connectorPaths));
  }

  /** Uses `discovery` from now on, and says in the log what is in and what was left out. */
  replace(discovery: Discovery): Map<string, InstalledConnector> {
    const discovered = new Map(discovery.connectors.map((installed) => [installed.manifest.id, installed]));
    this.discovered = discovered;
    this.skippedConnectors = discovery.skipped;
    for (const { source, reason } of discovery.skipped) this.logger.warn(`Connector skipped: ${source}: ${reason}`);
    const names = discovery.connectors.map(({ manifest }) => `${manifest.id} ${manifest.version} (${manifest.channel})`);
    this.logger.log(names.length ? `Connectors: ${names.join(', ')}` : `No connectors found in ${this.config.connectorPaths.join(', ')}`);
    return discovered;
  }

  list(): InstalledConnector[] {
    return [...this.connectors.values()].sort((a, b) => a.manifest.channel.localeCompare(b.manifest.channel) || a.manifest.id.localeCompare(b.manifest.id));
  }

  get(id: string): InstalledConnector | undefined {
    return this.connectors.get(id);
  }

  forChannel(channel: Channel): InstalledConnector[] {
    return this.list().filter((installed) => installed.manifest.channel === channel);
  }

  get skipped(): SkippedConnector[] {
    if (!this.discovered) this.discover();
    return [...this.skippedConnectors];
  }
}
