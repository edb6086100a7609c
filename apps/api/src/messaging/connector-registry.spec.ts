import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BadConfigError } from '@fieldbook/plugin-sdk';
import { ConnectorRegistry, discoverConnectors, toConnectorInfo } from './connector-registry';
import { loadModule } from './plugin-loader';
import { loadConfig } from '../config/app-config';

/** A folder of installed packages; named node_modules, so the test runner loads them untransformed, as Node would. */
function packagesFolder(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'fieldbook-connectors-')), 'node_modules');
  mkdirSync(folder);
  return folder;
}

/** A connector as plain JavaScript, the way a built package ships it. */
function connectorSource(id: string, channel = 'email', extra = ''): string {
  return `{
    manifest: { id: '${id}', displayName: 'Connector ${id}', channel: '${channel}', version: '1.2.3', description: 'Made for a test.',
      configSchema: [{ key: 'apiKey', type: 'secret', label: 'API key', required: true }], capabilities: { html: true } },
    async send() { return { providerMessageId: '${id}-1' }; },
    ${extra}
  }`;
}

function writePackage(root: string, folder: string, pkg: Record<string, unknown>, files: Record<string, string>): void {
  const dir = join(root, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
}

const connectorPackage = (name: string, main = 'index.js') => ({ name, version: '1.0.0', main, fieldbook: { connector: true } });

describe('connector discovery', () => {
  let root: string;
  beforeEach(() => {
    root = packagesFolder();
  });
  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('lists a valid connector and skips, with reasons, one with an invalid manifest and one that throws while loading', () => {
    writePackage(root, 'valid', connectorPackage('fieldbook-connector-valid'), { 'index.js': `module.exports = ${connectorSource('valid')};` });
    writePackage(root, 'invalid', connectorPackage('fieldbook-connector-invalid'), {
      'index.js': `module.exports = { manifest: { id: 'Not An Id', displayName: '', channel: 'fax', version: 'one', configSchema: [], capabilities: {} }, send() {} };`,
    });
    writePackage(root, 'throwing', connectorPackage('fieldbook-connector-throwing'), { 'index.js': `throw new Error('cannot find the provider library');` });

    const { connectors, skipped } = discoverConnectors([root]);

    expect(connectors.map((installed) => installed.manifest.id)).toEqual(['valid']);
    expect(skipped).toEqual([
      { source: 'fieldbook-connector-invalid', reason: expect.stringContaining('it is not a valid connector: manifest.id must be') },
      { source: 'fieldbook-connector-throwing', reason: 'it could not be loaded: cannot find the provider library' },
    ]);
    expect(skipped[0]!.reason).toContain('manifest.channel must be one of: email, sms.');
    expect(skipped[0]!.reason).toContain('manifest.version must be a semantic version');
  });

  it('reads scoped packages, default exports and arrays of connectors, and ignores packages that declare no connector', () => {
    writePackage(root, '@acme/pair', connectorPackage('@acme/pair'), { 'index.js': `exports.default = [${connectorSource('acme-email')}, ${connectorSource('acme-sms', 'sms')}];` });
    // Never loaded: it does not declare a connector.
    writePackage(root, 'left-pad', { name: 'left-pad', main: 'index.js' }, { 'index.js': `throw new Error('must not be loaded');` });
    writePackage(root, 'flag-not-true', { name: 'flag-not-true', fieldbook: { connector: 'yes' } }, { 'index.js': `throw new Error('must not be loaded');` });
    writeFileSync(join(root, 'stray-file.js'), '');
    mkdirSync(join(root, '.bin'));
    writePackage(root, 'no-manifest-json', {}, {});
    writeFileSync(join(root, 'no-manifest-json', 'package.json'), '{ not json');

    const { connectors, skipped } = discoverConnectors([root]);

    expect(connectors.map((installed) => [installed.manifest.id, installed.manifest.channel, installed.packageName])).toEqual([
      ['acme-email', 'email', '@acme/pair'],
      ['acme-sms', 'sms', '@acme/pair'],
    ]);
    expect(skipped).toEqual([]);
  });

  it('keeps the first connector of an id and skips a later one naming the first', () => {
    const second = packagesFolder();
    try {
      writePackage(root, 'first', connectorPackage('first-package'), { 'index.js': `module.exports = ${connectorSource('relay')};` });
      writePackage(second, 'second', connectorPackage('second-package'), { 'index.js': `module.exports = ${connectorSource('relay')};` });
      const { connectors, skipped } = discoverConnectors([root, second]);
      expect(connectors.map((installed) => installed.packageName)).toEqual(['first-package']);
      expect(skipped).toEqual([{ source: 'second-package', reason: 'the id "relay" is already taken by first-package; the first one found is used.' }]);
    } finally {
      rmSync(join(second, '..'), { recursive: true, force: true });
    }
  });

  it('skips an unbuilt package, an empty export list, an export that is not an object and a manifest with functions inside', () => {
    writePackage(root, 'unbuilt', connectorPackage('unbuilt', 'dist/index.js'), {});
    writePackage(root, 'empty', connectorPackage('empty'), { 'index.js': `module.exports = [];` });
    writePackage(root, 'number', connectorPackage('number'), { 'index.js': `module.exports = 42;` });
    writePackage(root, 'live-manifest', connectorPackage('live-manifest'), {
      'index.js': `const c = ${connectorSource('live')}; c.manifest.capabilities.html = () => true; module.exports = c;`,
    });
    const { connectors, skipped } = discoverConnectors([root]);
    expect(connectors).toEqual([]);
    expect(skipped).toEqual([
      { source: 'empty', reason: 'it exports an empty list of connectors.' },
      { source: 'live-manifest', reason: 'its manifest is not plain data (functions or classes inside).' },
      { source: 'number', reason: 'it is not a valid connector: The export is not an object.' },
      { source: 'unbuilt', reason: expect.stringMatching(/^its entry file \(dist\/index.js\) does not exist in .*unbuilt; build the package first\.$/) },
    ]);
  });

  it('survives a manifest whose getters throw', () => {
    writePackage(root, 'getter', connectorPackage('getter'), {
      'index.js': `module.exports = { send() {}, get manifest() { throw new Error('manifest exploded'); } };`,
    });
    const { connectors, skipped } = discoverConnectors([root]);
    expect(connectors).toEqual([]);
    expect(skipped).toEqual([{ source: 'getter', reason: 'it is not a valid connector: its manifest could not be read: manifest exploded' }]);
  });

  it('ignores roots that do not exist', () => {
    expect(discoverConnectors([join(root, 'nowhere'), join(root, 'missing', 'node_modules')])).toEqual({ connectors: [], skipped: [] });
  });

  it('lists what the admin console needs to render a form, from a copy of the manifest', () => {
    writePackage(root, 'valid', connectorPackage('fieldbook-connector-valid'), { 'index.js': `module.exports = ${connectorSource('valid')};` });
    const [installed] = discoverConnectors([root]).connectors;
    installed!.connector.manifest.displayName = 'Changed after discovery';
    expect(toConnectorInfo(installed!)).toEqual({
      id: 'valid',
      displayName: 'Connector valid',
      channel: 'email',
      version: '1.2.3',
      description: 'Made for a test.',
      capabilities: { html: true },
      configSchema: [{ key: 'apiKey', type: 'secret', label: 'API key', required: true }],
      packageName: 'fieldbook-connector-valid',
    });
  });

  it("finds the workspace's own plugins from their TypeScript sources, the mailbox among them", () => {
    const registry = new ConnectorRegistry(loadConfig({ NODE_ENV: 'test', CONNECTOR_PATHS: resolve('plugins') }));
    expect(registry.get('mailbox-email')?.manifest).toMatchObject({ channel: 'email', configSchema: [] });
    expect(registry.get('mailbox-sms')?.manifest).toMatchObject({ channel: 'sms', configSchema: [] });
    expect(registry.forChannel('sms').map((installed) => installed.manifest.id)).toContain('mailbox-sms');
    expect(registry.get('mailbox-email')?.packageName).toBe('@fieldbook/messaging-mailbox');
  });
});

describe('loading a built connector with Node’s own require', () => {
  let root: string;
  const globals = globalThis as { __webpack_require__?: unknown; __non_webpack_require__?: NodeJS.Require };
  beforeAll(() => {
    root = packagesFolder();
    // What webpack provides in the built API.
    globals.__webpack_require__ = () => undefined;
    globals.__non_webpack_require__ = createRequire(join(root, '..', 'host.js'));
  });
  afterAll(() => {
    delete globals.__webpack_require__;
    delete globals.__non_webpack_require__;
    rmSync(join(root, '..'), { recursive: true, force: true });
  });

  it('answers the package’s require of the SDK with the API’s own copy, so its errors are the classes the API acts on', () => {
    writePackage(root, 'uses-sdk', connectorPackage('uses-sdk'), {
      'index.js': `const sdk = require('@fieldbook/plugin-sdk');
        module.exports = { fail: () => new sdk.BadConfigError('The relay refused the login.') };`,
    });
    const loaded = loadModule(join(root, 'uses-sdk', 'index.js')) as { fail: () => Error };
    expect(loaded.fail()).toBeInstanceOf(BadConfigError);
  });

  it('leaves every other module to Node', () => {
    writePackage(root, 'uses-node', connectorPackage('uses-node'), { 'index.js': `module.exports = require('node:path').posix.join('a', 'b');` });
    expect(loadModule(join(root, 'uses-node', 'index.js'))).toBe('a/b');
    writePackage(root, 'missing-dependency', connectorPackage('missing-dependency'), { 'index.js': `require('a-provider-library-that-is-not-installed');` });
    expect(() => loadModule(join(root, 'missing-dependency', 'index.js'))).toThrow(/Cannot find module 'a-provider-library-that-is-not-installed'/);
  });
});
