import { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import connectorGenerator, { ConnectorChannel, optionsProblem } from './generator';

function tree(): Tree {
  return createTreeWithEmptyWorkspace({ formatter: 'none' });
}

function generatedFiles(host: Tree, root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const child of host.children(dir)) {
      const path = `${dir}/${child}`;
      if (host.isFile(path)) files.push(path);
      else walk(path);
    }
  };
  walk(root);
  return files.sort();
}

describe('connector generator', () => {
  it.each(['Acme', 'acme_sms', 'acme--sms', '-acme', 'acme-', '1sms', 'acme sms', 'a', 'x'.repeat(41), 'ácme'])('refuses the name %j with a clear message', async (name) => {
    await expect(connectorGenerator(tree(), { name, channel: 'sms' })).rejects.toThrow(/is not a valid connector name/);
  });

  it('refuses a missing name and an unknown channel', async () => {
    await expect(connectorGenerator(tree(), { name: '', channel: 'sms' })).rejects.toThrow('Give the connector a name');
    await expect(connectorGenerator(tree(), { name: 'acme', channel: 'fax' as ConnectorChannel })).rejects.toThrow('--channel must be "sms" or "email", not "fax"');
  });

  it('refuses the messaging- prefix and says what to type instead', () => {
    expect(optionsProblem(tree(), { name: 'messaging-acme', channel: 'sms' })).toBe('Leave out the "messaging-" prefix: `acme` becomes plugins/messaging-acme.');
  });

  it('refuses a plugin that already exists, and leaves it alone', async () => {
    const host = tree();
    host.write('plugins/messaging-acme/README.md', 'mine');
    await expect(connectorGenerator(host, { name: 'acme', channel: 'email' })).rejects.toThrow('plugins/messaging-acme already exists. Pick another name, or remove that folder first.');
    expect(host.read('plugins/messaging-acme/README.md', 'utf-8')).toBe('mine');
    expect(host.exists('plugins/messaging-acme/package.json')).toBe(false);
  });

  it('refuses a name whose project exists elsewhere', async () => {
    const host = tree();
    host.write('libs/other/project.json', JSON.stringify({ name: 'messaging-acme', root: 'libs/other' }));
    await expect(connectorGenerator(host, { name: 'acme', channel: 'sms' })).rejects.toThrow('A project called messaging-acme already exists');
  });

  it('scaffolds the package layout with every placeholder filled in', async () => {
    const host = tree();
    await connectorGenerator(host, { name: 'acme-sms', channel: 'sms' });
    const root = 'plugins/messaging-acme-sms';
    expect(generatedFiles(host, root)).toEqual(
      [
        'README.md',
        'eslint.config.mjs',
        'jest.config.ts',
        'package.json',
        'project.json',
        'src/acme-sms.conformance.spec.ts',
        'src/acme-sms.connector.ts',
        'src/acme-sms.spec.ts',
        'src/index.ts',
        'test/fake-provider.ts',
        'tsconfig.json',
        'tsconfig.lib.json',
        'tsconfig.spec.json',
      ].map((file) => `${root}/${file}`),
    );
    for (const file of generatedFiles(host, root)) {
      const text = host.read(file, 'utf-8') ?? '';
      expect([file, /<%|%>|__name__|__tmpl__/.test(text)]).toEqual([file, false]);
    }
    const pkg = JSON.parse(host.read(`${root}/package.json`, 'utf-8') ?? '{}');
    expect(pkg).toMatchObject({ name: '@fieldbook/messaging-acme-sms', main: './src/index.js', types: './src/index.d.ts', fieldbook: { connector: true }, peerDependencies: { '@fieldbook/plugin-sdk': '^0.1.0' } });
    const project = JSON.parse(host.read(`${root}/project.json`, 'utf-8') ?? '{}');
    expect(project).toMatchObject({ name: 'messaging-acme-sms', tags: ['type:plugin', 'scope:plugin'], targets: { build: { executor: '@nx/js:tsc', options: { outputPath: 'dist/plugins/messaging-acme-sms' } }, test: { executor: '@nx/jest:jest' } } });
    const connector = host.read(`${root}/src/acme-sms.connector.ts`, 'utf-8') ?? '';
    expect(connector).toContain("id: 'acme-sms'");
    expect(connector).toContain("channel: 'sms'");
    expect(connector).toContain("const PROVIDER = 'Acme SMS';");
    expect(connector).toContain('export const acmeSmsConnector: Connector');
    expect(connector).toContain("key: 'sender'");
    expect(host.read(`${root}/src/index.ts`, 'utf-8')).toContain('export default acmeSmsConnector;');
    expect(host.read(`${root}/src/acme-sms.conformance.spec.ts`, 'utf-8')).toContain("recipient: '+14155550123'");
  });

  it('scaffolds an email connector that declares HTML and attachments', async () => {
    const host = tree();
    await connectorGenerator(host, { name: 'post-office', channel: 'email' });
    const root = 'plugins/messaging-post-office';
    const connector = host.read(`${root}/src/post-office.connector.ts`, 'utf-8') ?? '';
    expect(connector).toContain("channel: 'email'");
    expect(connector).toContain('capabilities: { html: true, attachments: true, providerIdempotency: true, statusWebhooks: true }');
    expect(connector).not.toContain("key: 'sender'");
    expect(host.read(`${root}/src/post-office.conformance.spec.ts`, 'utf-8')).toContain("recipient: 'ada@example.com'");
    expect(host.read(`${root}/README.md`, 'utf-8')).toContain('# @fieldbook/messaging-post-office');
  });
});
