import { Channel, ConfigFieldType, Connector } from './connector';

const CHANNELS: Channel[] = ['email', 'sms'];
const FIELD_TYPES: ConfigFieldType[] = ['string', 'secret', 'url', 'email', 'number', 'boolean', 'select'];
const ID = /^[a-z][a-z0-9-]{1,39}$/;
const SEMVER = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

/**
 * What is wrong with something offered as a connector, as sentences; empty when it is a valid
 * connector. The platform skips (and logs) a connector with problems instead of failing to start.
 */
export function connectorProblems(candidate: unknown): string[] {
  if (typeof candidate !== 'object' || candidate === null) return ['The export is not an object.'];
  const connector = candidate as Partial<Connector>;
  const problems: string[] = [];
  if (typeof connector.send !== 'function') problems.push('send must be a function.');
  for (const optional of ['verify', 'parseStatusWebhook'] as const) {
    if (connector[optional] !== undefined && typeof connector[optional] !== 'function') problems.push(`${optional} must be a function when present.`);
  }
  const manifest = connector.manifest;
  if (typeof manifest !== 'object' || manifest === null) return [...problems, 'manifest is missing.'];
  if (typeof manifest.id !== 'string' || !ID.test(manifest.id)) problems.push('manifest.id must be 2–40 lower-case letters, digits or dashes, starting with a letter.');
  if (typeof manifest.displayName !== 'string' || manifest.displayName.trim() === '' || manifest.displayName.length > 80) problems.push('manifest.displayName must be 1–80 characters.');
  if (!CHANNELS.includes(manifest.channel)) problems.push(`manifest.channel must be one of: ${CHANNELS.join(', ')}.`);
  if (typeof manifest.version !== 'string' || !SEMVER.test(manifest.version)) problems.push('manifest.version must be a semantic version such as 1.0.0.');
  if (typeof manifest.capabilities !== 'object' || manifest.capabilities === null) problems.push('manifest.capabilities must be an object.');
  if (manifest.capabilities?.statusWebhooks && typeof connector.parseStatusWebhook !== 'function') {
    problems.push('manifest.capabilities.statusWebhooks needs a parseStatusWebhook function.');
  }
  if (!Array.isArray(manifest.configSchema)) return [...problems, 'manifest.configSchema must be an array.'];
  const keys = new Set<string>();
  manifest.configSchema.forEach((field, index) => {
    const where = `manifest.configSchema[${index}]`;
    if (typeof field?.key !== 'string' || !/^[a-zA-Z][a-zA-Z0-9_]{0,49}$/.test(field.key)) problems.push(`${where}.key must be an identifier.`);
    else if (keys.has(field.key)) problems.push(`${where}.key "${field.key}" is used twice.`);
    else keys.add(field.key);
    if (!FIELD_TYPES.includes(field?.type)) problems.push(`${where}.type must be one of: ${FIELD_TYPES.join(', ')}.`);
    if (typeof field?.label !== 'string' || field.label.trim() === '') problems.push(`${where}.label is required.`);
    if (typeof field?.required !== 'boolean') problems.push(`${where}.required must be true or false.`);
    if (field?.type === 'select' && (!Array.isArray(field.options) || field.options.length === 0)) problems.push(`${where}.options are required for a select.`);
    if (field?.pattern) {
      try {
        new RegExp(field.pattern.source);
      } catch {
        problems.push(`${where}.pattern is not a valid regular expression.`);
      }
    }
  });
  return problems;
}

export function isConnector(candidate: unknown): candidate is Connector {
  return connectorProblems(candidate).length === 0;
}
