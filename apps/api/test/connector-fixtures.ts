import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The API key the relay fixture accepts. */
export const RELAY_KEY = 'relay-key-5f0c2a9e-live';

/**
 * A connector package as it would be installed: plain JavaScript that does not even use the SDK
 * (its errors carry only a `kind`). Its `host` setting picks how it behaves, so one package can
 * play a working provider and every way a provider or a connector can fail.
 */
const RELAY_SOURCE = `
const KEY = ${JSON.stringify(RELAY_KEY)};
class RelayError extends Error {
  constructor(kind, message, extra) { super(message); this.kind = kind; Object.assign(this, extra || {}); }
}
const relayEmail = {
  manifest: {
    id: 'relay-email', displayName: 'Relay Mail', channel: 'email', version: '1.0.0', description: 'An email relay for tests.',
    configSchema: [
      { key: 'host', type: 'string', label: 'Relay host', required: true, maxLength: 100 },
      { key: 'port', type: 'number', label: 'Port', required: false, default: 2525, min: 1, max: 65535 },
      { key: 'sender', type: 'email', label: 'Sender address', required: true },
      { key: 'apiKey', type: 'secret', label: 'API key', required: true },
    ],
    capabilities: { html: true },
  },
  send(message, config, context) {
    if (config.host === 'sync-crash') throw new Error('the relay client was used before it was ready');
    return (async () => {
      context.log('relay: signing in with ' + config.apiKey);
      switch (config.host) {
        case 'reject': throw new RelayError('bad-config', 'The relay refused the API key ' + config.apiKey + '.', { providerCode: '535' });
        case 'permanent': throw new RelayError('permanent', 'The relay has no mailbox ' + message.to + '.', { providerCode: '550' });
        case 'busy': throw new RelayError('rate-limited', 'Too many messages this minute.', { retryAfterSeconds: 30, providerCode: '429' });
        case 'down': throw new RelayError('retryable', 'The relay is down for maintenance.');
        case 'crash': throw new TypeError("Cannot read properties of undefined (reading 'socket')");
        case 'garbage': return 42;
        case 'hang': return new Promise(() => {});
        case 'mailbox-misuse': await context.mailbox.store({ channel: 'fax', to: message.to, body: 'not a message' }); return { providerMessageId: 'stored' };
      }
      if (config.apiKey !== KEY) throw new RelayError('bad-config', 'The relay refused the API key.');
      return { providerMessageId: 'relay:' + message.to + ':' + message.subject };
    })();
  },
  async verify(config) {
    if (config.host === 'crash') throw new Error('verify exploded');
    if (config.host === 'garbage') return 'yes';
    if (config.host === 'hang') return new Promise(() => {});
    return config.apiKey === KEY ? { ok: true } : { ok: false, message: 'The relay refused the API key.' };
  },
};
const relaySms = {
  manifest: { id: 'relay-sms', displayName: 'Relay SMS', channel: 'sms', version: '1.0.0', configSchema: [], capabilities: {} },
  async send(message) { return { providerMessageId: 'relay-sms:' + message.to }; },
};
module.exports = { default: [relayEmail, relaySms] };
`;

/** A `node_modules` folder holding the relay fixture package; remove it with `remove()`. */
export function relayConnectorPackages(): { folder: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'fieldbook-relay-'));
  const folder = join(root, 'node_modules');
  const pkg = join(folder, '@fieldbook-test', 'relay');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@fieldbook-test/relay', version: '1.0.0', main: 'index.js', fieldbook: { connector: true } }));
  writeFileSync(join(pkg, 'index.js'), RELAY_SOURCE);
  return { folder, remove: () => rmSync(root, { recursive: true, force: true }) };
}
