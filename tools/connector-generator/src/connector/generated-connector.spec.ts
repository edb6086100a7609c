import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Runs `npm run new:connector` in a small scratch workspace (the Nx, TypeScript, Jest and ESLint
 * settings, the plugin SDK and this generator, copied from the repository into its git-ignored
 * tmp/ folder), then typechecks, lints and tests what it generated: the conformance kit included.
 */

const repository = resolve(__dirname, '../../../..');
const bin = (path: string) => join(repository, 'node_modules', path);

interface Run {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs a command with a clean Nx/Jest environment so nothing points back at the real workspace. */
function run(command: string, args: string[], cwd: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(NX_|JEST_)/.test(key)) env[key] = value;
  Object.assign(env, { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CI: 'true', FORCE_COLOR: '0' });
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output, ms: performance.now() - started });
    });
  });
}

function scratchWorkspace(): string {
  const tmp = join(repository, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const root = mkdtempSync(join(tmp, 'connector-generator-'));
  const skip = (path: string) => !/[\\/](node_modules|dist|\.nx)([\\/]|$)/.test(path);
  for (const path of ['nx.json', 'tsconfig.base.json', 'tools/jest', 'tools/eslint', 'tools/connector-generator', 'libs/plugin-sdk']) {
    cpSync(join(repository, path), join(root, path), { recursive: true, filter: skip });
  }
  const script = JSON.parse(readFileSync(join(repository, 'package.json'), 'utf-8')).scripts['new:connector'];
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'scratch', private: true, scripts: { 'new:connector': script } }, null, 2));
  mkdirSync(join(root, 'plugins'));
  return root;
}

function expectSuccess(step: string, result: Run): void {
  if (result.code !== 0) throw new Error(`${step} failed (exit ${result.code}):\n${result.output}`);
}

describe('a generated connector', () => {
  let workspace: string;

  beforeAll(() => {
    workspace = scratchWorkspace();
  });

  afterAll(() => {
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it.each([
    ['generated-sms', 'sms', 18],
    ['generated-mail', 'email', 18],
  ])(
    '%s (%s) typechecks, lints and passes its tests and the conformance kit as generated',
    async (name, channel, tests) => {
      const project = `plugins/messaging-${name}`;
      const generated = await run('npm', ['run', 'new:connector', '--', name, '--channel', channel], workspace);
      expectSuccess('npm run new:connector', generated);
      expect(generated.output).toContain(`CREATE ${project}/src/${name}.connector.ts`);
      expect(existsSync(join(workspace, project, 'test/fake-provider.ts'))).toBe(true);
      expect(existsSync(join(repository, project))).toBe(false);

      const tested = await run(process.execPath, [bin('jest/bin/jest.js'), '-c', `${project}/jest.config.ts`, '--ci', '--verbose'], workspace);
      expectSuccess('jest', tested);
      expect(tested.output).toContain(`${name} connector conformance`);
      expect(tested.output).toContain('reports a rate limit as RateLimitedError with a retry-after');
      expect(tested.output).toMatch(new RegExp(`Tests:\\s+${tests} passed, ${tests} total`));
      process.stdout.write(`generator-to-green for ${name}: ${((generated.ms + tested.ms) / 1000).toFixed(1)} s (generate ${(generated.ms / 1000).toFixed(1)} s, tests ${(tested.ms / 1000).toFixed(1)} s)\n`);

      expectSuccess('tsc', await run(process.execPath, [bin('typescript/bin/tsc'), '-p', `${project}/tsconfig.lib.json`, '--noEmit'], workspace));
      expectSuccess('eslint', await run(process.execPath, [bin('eslint/bin/eslint.js'), '--max-warnings', '0', '.'], join(workspace, project)));
    },
    300_000,
  );

  it('refuses to generate over a plugin that exists', async () => {
    mkdirSync(join(workspace, 'plugins/messaging-taken'), { recursive: true });
    const refused = await run('npm', ['run', 'new:connector', '--', 'taken', '--channel', 'sms'], workspace);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain('plugins/messaging-taken already exists. Pick another name, or remove that folder first.');
  }, 60_000);
});
