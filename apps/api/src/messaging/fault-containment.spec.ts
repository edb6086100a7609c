import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Process-wide handlers cannot be tried inside jest's sandbox, so a child Node process plays the
 * API: it contains connector faults, sends through a connector that throws from a timer and leaves
 * a promise rejected, and then has an error of its own.
 */
describe('connector fault containment', () => {
  it('survives errors a connector raises after its call, and still dies of its own', () => {
    const invoker = JSON.stringify(resolve(__dirname, 'guarded-invoker.ts'));
    const containment = JSON.stringify(resolve(__dirname, 'fault-containment.ts'));
    const sdk = JSON.stringify(resolve(__dirname, '../../../../libs/plugin-sdk/src/index.ts'));
    const script = `
      const Module = require('node:module');
      const resolveFilename = Module._resolveFilename;
      Module._resolveFilename = function (request, ...rest) {
        return resolveFilename.call(this, request === '@fieldbook/plugin-sdk' ? ${sdk} : request, ...rest);
      };
      const { guardedSend } = require(${invoker});
      const { containConnectorFaults } = require(${containment});
      containConnectorFaults((line) => console.log('REPORT ' + line), (error) => { console.log('FATAL ' + error.message); process.exit(3); });
      const sloppy = {
        manifest: { id: 'sloppy', displayName: 'Sloppy', channel: 'sms', version: '1.0.0', configSchema: [], capabilities: {} },
        async send() {
          setTimeout(() => { throw new Error('late timer'); }, 20);
          Promise.reject(new Error('forgotten promise'));
          return { providerMessageId: 'sl-1' };
        },
      };
      const logger = { log() {}, warn() {} };
      guardedSend({ connector: sloppy, config: {}, timeoutMs: 1000, logger, message: { channel: 'sms', to: '+14155550123', body: 'Hi' }, idempotencyKey: 'k' })
        .then((result) => console.log('SENT ' + result.providerMessageId));
      setTimeout(() => console.log('ALIVE'), 100);
      setTimeout(() => { throw new Error('platform bug'); }, 150);
      setTimeout(() => console.log('NOT REACHED'), 300);`;
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: resolve(__dirname, '../../../..'),
      env: { ...process.env, TS_NODE_COMPILER_OPTIONS: JSON.stringify({ module: 'commonjs', moduleResolution: 'node' }), TS_NODE_PROJECT: resolve(__dirname, '../../tsconfig.spec.json') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const lines = result.stdout.trim().split('\n');
    expect(lines).toEqual([
      'SENT sl-1',
      'REPORT The connector sloppy raised an error outside its call (unhandled rejection); ignored: forgotten promise',
      'REPORT The connector sloppy raised an error outside its call (uncaught exception); ignored: late timer',
      'ALIVE',
      'FATAL platform bug',
    ]);
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 3, stderr: '' });
  });
});
