import { generateFiles, getProjects, GeneratorCallback, logger, names, Tree } from '@nx/devkit';
import * as path from 'node:path';

export type ConnectorChannel = 'sms' | 'email';

export interface ConnectorGeneratorOptions {
  /** The connector id, e.g. `acme-sms`; the package becomes plugins/messaging-<name>. */
  name: string;
  channel: ConnectorChannel;
}

const ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const CHANNELS: ConnectorChannel[] = ['sms', 'email'];

/** Why these options cannot be generated, as a sentence for the person at the terminal; undefined when they can. */
export function optionsProblem(tree: Tree, options: Partial<ConnectorGeneratorOptions>): string | undefined {
  const name = options.name;
  if (typeof name !== 'string' || name === '') return 'Give the connector a name, e.g. `npm run new:connector -- acme-sms --channel sms`.';
  if (!ID.test(name)) {
    return `"${name}" is not a valid connector name: use lower-case letters, digits and single dashes, starting with a letter (e.g. acme-sms).`;
  }
  if (name.length < 2 || name.length > 40) return `"${name}" is not a valid connector name: it must be 2 to 40 characters long.`;
  if (name.startsWith('messaging-')) return `Leave out the "messaging-" prefix: \`${name.slice('messaging-'.length)}\` becomes plugins/${name}.`;
  if (!CHANNELS.includes(options.channel as ConnectorChannel)) return `--channel must be "sms" or "email", not "${String(options.channel ?? '')}".`;
  const root = `plugins/messaging-${name}`;
  if (tree.exists(root)) return `${root} already exists. Pick another name, or remove that folder first.`;
  if (getProjects(tree).has(`messaging-${name}`)) return `A project called messaging-${name} already exists. Pick another name.`;
  return undefined;
}

function title(name: string): string {
  return name
    .split('-')
    .map((word) => (['sms', 'api', 'smtp', 'http'].includes(word) ? word.toUpperCase() : word[0].toUpperCase() + word.slice(1)))
    .join(' ');
}

/**
 * Scaffolds plugins/messaging-<name>: a connector for a provider's HTTP JSON API, a local fake of
 * that API, provider-specific tests and the conformance kit, ready to build, lint and pass as
 * generated. The author then adapts the requests and the error mapping to the real provider.
 */
export default async function connectorGenerator(tree: Tree, options: ConnectorGeneratorOptions): Promise<GeneratorCallback> {
  const problem = optionsProblem(tree, options);
  if (problem) throw new Error(problem);
  const { name, channel } = options;
  const root = `plugins/messaging-${name}`;
  generateFiles(tree, path.join(__dirname, 'files'), root, {
    tmpl: '',
    name,
    channel,
    isSms: channel === 'sms',
    displayName: title(name),
    propertyName: names(name).propertyName,
    className: names(name).className,
    channelWord: channel === 'sms' ? 'SMS' : 'email',
    recipient: channel === 'sms' ? '+14155550123' : 'ada@example.com',
  });
  return () => {
    logger.info(
      [
        `Created ${root}. Next:`,
        `  1. Adapt src/${name}.connector.ts and test/fake-provider.ts to the provider's documented API.`,
        `  2. NX_DAEMON=false npx nx test messaging-${name}   (runs the conformance kit)`,
        `  3. NX_DAEMON=false npx nx lint messaging-${name} && NX_DAEMON=false npx nx build messaging-${name}`,
        '  PLUGINS.md walks through publishing and enabling it.',
      ].join('\n'),
    );
  };
}
