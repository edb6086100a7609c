import { Connector } from './connector';
import { connectorProblems, isConnector } from './manifest-validation';

const valid: Connector = {
  manifest: {
    id: 'example-sms',
    displayName: 'Example SMS',
    channel: 'sms',
    version: '1.2.3-beta.1',
    configSchema: [
      { key: 'apiKey', type: 'secret', label: 'API key', required: true },
      { key: 'region', type: 'select', label: 'Region', required: false, options: [{ value: 'eu', label: 'Europe' }] },
    ],
    capabilities: { statusWebhooks: true },
  },
  send: async () => ({ providerMessageId: 'm1' }),
  parseStatusWebhook: async () => [],
};

function withManifest(changes: Record<string, unknown>): unknown {
  return { ...valid, manifest: { ...valid.manifest, ...changes } };
}

describe('connectorProblems', () => {
  it('finds nothing wrong with a valid connector', () => {
    expect(connectorProblems(valid)).toEqual([]);
    expect(isConnector(valid)).toBe(true);
  });

  it('refuses something that is not an object', () => {
    for (const candidate of [undefined, null, 'smtp', 42]) expect(connectorProblems(candidate)).toEqual(['The export is not an object.']);
    expect(isConnector(null)).toBe(false);
  });

  it('requires send, and functions for the optional hooks', () => {
    expect(connectorProblems({ ...valid, send: 'nope', verify: true })).toEqual(['send must be a function.', 'verify must be a function when present.']);
  });

  it('reports a missing manifest', () => {
    expect(connectorProblems({ send: valid.send })).toEqual(['manifest is missing.']);
  });

  it('checks id, display name, channel and version', () => {
    expect(connectorProblems(withManifest({ id: 'Example SMS', displayName: ' ', channel: 'fax', version: 'v1' }))).toEqual([
      'manifest.id must be 2–40 lower-case letters, digits or dashes, starting with a letter.',
      'manifest.displayName must be 1–80 characters.',
      'manifest.channel must be one of: email, sms.',
      'manifest.version must be a semantic version such as 1.0.0.',
    ]);
    expect(connectorProblems(withManifest({ id: '1sms' }))).toHaveLength(1);
    expect(connectorProblems(withManifest({ displayName: 'x'.repeat(81) }))).toEqual(['manifest.displayName must be 1–80 characters.']);
  });

  it('requires capabilities, and a parser for declared status webhooks', () => {
    expect(connectorProblems(withManifest({ capabilities: null }))).toContain('manifest.capabilities must be an object.');
    const { parseStatusWebhook: _parser, ...withoutParser } = valid;
    expect(connectorProblems(withoutParser)).toEqual(['manifest.capabilities.statusWebhooks needs a parseStatusWebhook function.']);
  });

  it('requires a config schema', () => {
    expect(connectorProblems(withManifest({ configSchema: {} }))).toEqual(['manifest.configSchema must be an array.']);
  });

  it('checks every config field and says which one is wrong', () => {
    const configSchema = [
      { key: 'api key', type: 'secret', label: 'API key', required: true },
      { key: 'region', type: 'dropdown', label: '', required: 'yes' },
      { key: 'region', type: 'select', label: 'Region', required: false },
      { key: 'sender', type: 'string', label: 'Sender', required: false, pattern: { source: '([', message: 'Bad' } },
    ];
    expect(connectorProblems(withManifest({ configSchema }))).toEqual([
      'manifest.configSchema[0].key must be an identifier.',
      'manifest.configSchema[1].type must be one of: string, secret, url, email, number, boolean, select.',
      'manifest.configSchema[1].label is required.',
      'manifest.configSchema[1].required must be true or false.',
      'manifest.configSchema[2].key "region" is used twice.',
      'manifest.configSchema[2].options are required for a select.',
      'manifest.configSchema[3].pattern is not a valid regular expression.',
    ]);
  });
});
