import { ConfigField, ConnectorConfig, DeliveryState, SendResult, WebhookRequest } from '../connector';
import { isSecretField } from '../config-validation';
import { ConnectorError, InvalidSignatureError } from '../errors';
import { DeliveredMessage, FakeScenario } from './provider-fake';
import { fail, Outcome, Probe, sampleMessage } from './probe';

// What the checks expect of a connector; each function throws a ConformanceFailure saying what went wrong.

/** Secrets shorter than this cannot be searched for reliably. */
const MIN_SECRET_LENGTH = 6;

export type ErrorKind = ConnectorError['kind'];
const CLASS_OF: Record<ErrorKind, string> = { retryable: 'RetryableError', 'rate-limited': 'RateLimitedError', permanent: 'PermanentError', 'bad-config': 'BadConfigError' };

export function describeValue(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function kindOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { kind?: unknown }).kind : undefined;
}

/** The error of a failed outcome, which must be the connector error class the platform acts on. */
export function expectError(outcome: Outcome<unknown>, kind: ErrorKind, when: string): ConnectorError {
  if (outcome.ok) fail(`${when}, send() resolved with ${describeValue(outcome.value)}; it should throw ${CLASS_OF[kind]}.`);
  const error = outcome.error;
  if (!(error instanceof Error) || kindOf(error) !== kind) {
    fail(`${when}, send() should throw ${CLASS_OF[kind]} but threw ${describeValue(error)}.`);
  }
  if (error.message.trim() === '') fail(`${when}, the ${CLASS_OF[kind]} has no message; tenants read it in the notification log.`);
  return error as ConnectorError;
}

export async function sendIn(probe: Probe, scenario: FakeScenario, config = probe.config()): Promise<Outcome<SendResult>> {
  probe.fake.behave(scenario);
  return probe.send(config);
}

function normalise(text: string | undefined): string | undefined {
  return text?.replace(/\r\n/g, '\n').trim();
}

export function checkArrival(probe: Probe, before: number, result: SendResult): void {
  const message = sampleMessage(probe.connector, probe.options.recipient);
  if (typeof result?.providerMessageId !== 'string' || result.providerMessageId.trim() === '') {
    fail(`send() should resolve with a non-empty providerMessageId but resolved with ${describeValue(result)}.`);
  }
  const delivered = probe.fake.delivered();
  if (delivered.length !== before + 1) fail(`The fake provider received ${delivered.length - before} messages for one send(); expected exactly 1.`);
  const got: DeliveredMessage = delivered[delivered.length - 1];
  const expected: DeliveredMessage =
    message.channel === 'sms'
      ? { to: message.to, text: message.body }
      : { to: message.to, text: message.text, subject: message.subject, html: message.html, attachments: message.attachments?.length };
  if (got.to !== expected.to) fail(`The message arrived for ${describeValue(got.to)} instead of ${describeValue(expected.to)}.`);
  if (normalise(got.text) !== normalise(expected.text)) fail(`The message text arrived as ${describeValue(got.text)} instead of ${describeValue(expected.text)}.`);
  if (message.channel === 'email') {
    if (got.subject !== expected.subject) fail(`The subject arrived as ${describeValue(got.subject)} instead of ${describeValue(expected.subject)}.`);
    if (expected.html !== undefined && normalise(got.html) !== normalise(expected.html)) {
      fail(`The connector declares html, but the HTML body arrived as ${describeValue(got.html)} instead of ${describeValue(expected.html)}.`);
    }
    if (expected.attachments !== undefined && got.attachments !== expected.attachments) {
      fail(`The connector declares attachments, but ${got.attachments ?? 0} arrived instead of ${expected.attachments}.`);
    }
  }
}

/** A value of the wrong type for a field, which validateConfig must refuse. */
export function wrongValueFor(field: ConfigField): unknown {
  switch (field.type) {
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'perhaps';
    case 'url':
      return 'not a url';
    case 'email':
      return 'not-an-email';
    case 'select':
      return '\u0000not-an-option';
    default:
      return { not: 'text' };
  }
}

export function secretValues(probe: Probe): { key: string; value: string }[] {
  const schema = probe.connector.manifest.configSchema;
  const configs: [string, ConnectorConfig][] = [
    ['config()', probe.fake.config()],
    ['badCredentialsConfig()', probe.fake.badCredentialsConfig()],
    ['unreachableConfig()', probe.fake.unreachableConfig()],
  ];
  const secrets: { key: string; value: string }[] = [];
  for (const field of schema.filter(isSecretField)) {
    for (const [source, config] of configs) {
      const value = config[field.key];
      if (value === undefined || value === '') continue;
      const text = String(value);
      if (text.length < MIN_SECRET_LENGTH) {
        fail(`The fake's ${source} sets the secret "${field.key}" to only ${text.length} characters; use at least ${MIN_SECRET_LENGTH} so a leak can be told apart from ordinary words.`);
      }
      secrets.push({ key: field.key, value: text });
      if (encodeURIComponent(text) !== text) secrets.push({ key: field.key, value: encodeURIComponent(text) });
    }
  }
  return secrets;
}

/** Everything a connector said in an outcome that could reach a log, a tenant or the database. */
export function exposedText(outcome: Outcome<unknown>): { where: string; text: string }[] {
  const exposed = outcome.logs.map((line, index) => ({ where: `log line ${index + 1}`, text: line }));
  if (outcome.ok) {
    exposed.push({ where: 'the result', text: describeValue(outcome.value) });
  } else {
    const error = outcome.error;
    exposed.push({ where: 'the error', text: String(error) });
    if (error instanceof Error) exposed.push({ where: 'the error message', text: error.message });
    const providerCode = (error as { providerCode?: unknown } | undefined)?.providerCode;
    if (providerCode !== undefined) exposed.push({ where: 'the error providerCode', text: String(providerCode) });
  }
  return exposed;
}

/**
 * The value with one character of its signature changed: the middle of its longest run of hex or
 * base64 characters (so not a prefix such as `sha256=`, and not a last base64 character, whose low
 * bits decoders ignore), replaced by a character that differs in hex too, where case does not count.
 */
export function tamperedSignature(value: string): string {
  let best = { start: 0, length: 0 };
  for (const run of value.matchAll(/[A-Za-z0-9+/_-]+/g)) {
    if (run[0].length > best.length) best = { start: run.index ?? 0, length: run[0].length };
  }
  if (best.length === 0) return `${value}0`;
  const index = best.start + Math.floor((best.length - 1) / 2);
  return value.slice(0, index) + (value[index].toLowerCase() === '0' ? '1' : '0') + value.slice(index + 1);
}

async function expectInvalidSignature(probe: Probe, request: WebhookRequest, config: ConnectorConfig, what: string): Promise<void> {
  const parse = probe.connector.parseStatusWebhook;
  if (!parse) return fail('The connector has no parseStatusWebhook().');
  let result: unknown;
  try {
    result = await parse.call(probe.connector, request, config);
  } catch (error) {
    if (error instanceof InvalidSignatureError || (error instanceof Error && error.name === 'InvalidSignatureError')) return;
    fail(`A status webhook with ${what} should be refused with InvalidSignatureError, but parseStatusWebhook threw ${describeValue(error)}.`);
  }
  fail(`A status webhook with ${what} was accepted: parseStatusWebhook returned ${describeValue(result)}; it should throw InvalidSignatureError.`);
}

/** Names of headers that carry a webhook's signature or credentials. */
const AUTH_HEADER = /signature|authorization|hmac/i;

/**
 * Genuine webhooks parse to the right update; forged ones are refused with InvalidSignatureError: a
 * changed body (when the provider signs the body), and a changed or missing signature or
 * credentials header.
 */
export async function checkStatusWebhooks(probe: Probe): Promise<void> {
  const statusWebhook = probe.fake.statusWebhook?.bind(probe.fake);
  if (!statusWebhook) fail('The connector declares statusWebhooks, so its fake must implement statusWebhook().');
  if (typeof probe.connector.parseStatusWebhook !== 'function') fail('The connector declares statusWebhooks but has no parseStatusWebhook().');
  const sent = await sendIn(probe, 'accept');
  if (!sent.ok) fail(`send() should deliver the message but threw ${describeValue(sent.error)}.`);
  const id = sent.value.providerMessageId;
  const config = probe.config();
  for (const state of ['delivered', 'failed'] as DeliveryState[]) {
    let updates: unknown;
    try {
      updates = await probe.connector.parseStatusWebhook(statusWebhook(id, state, config), config);
    } catch (error) {
      fail(`A genuine '${state}' status webhook was refused: ${describeValue(error)}.`);
    }
    const list = Array.isArray(updates) ? (updates as { providerMessageId?: unknown; state?: unknown }[]) : [];
    if (!list.some((update) => update?.providerMessageId === id && update.state === state)) {
      fail(`A '${state}' status webhook for ${id} should parse to { providerMessageId: '${id}', state: '${state}' } but gave ${describeValue(updates)}.`);
    }
  }
  const genuine = statusWebhook(id, 'delivered', config);
  const bySignature = (probe.options.webhookAuthentication ?? 'signature') === 'signature';
  if (bySignature) {
    const forgedBody = genuine.rawBody.includes(id) ? genuine.rawBody.split(id).join(`${id}X`) : `${genuine.rawBody}${genuine.rawBody.trim().startsWith('{') ? ' ' : '&forged=1'}`;
    await expectInvalidSignature(probe, { ...genuine, rawBody: forgedBody }, config, 'a changed body');
  }
  const authHeaders = Object.entries(genuine.headers).filter(([name, value]) => AUTH_HEADER.test(name) && value);
  if (!bySignature && authHeaders.length === 0) {
    fail("With webhookAuthentication 'credentials', the fake's statusWebhook() must send the credentials in a header (e.g. authorization).");
  }
  for (const [name, value] of authHeaders) {
    await expectInvalidSignature(probe, { ...genuine, headers: { ...genuine.headers, [name]: tamperedSignature(String(value)) } }, config, `a changed ${name} header`);
    const { [name]: _removed, ...without } = genuine.headers;
    await expectInvalidSignature(probe, { ...genuine, headers: without }, config, `no ${name} header`);
  }
}
