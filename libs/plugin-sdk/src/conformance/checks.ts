import { Connector } from '../connector';
import { isSecretField, validateConfig } from '../config-validation';
import { connectorProblems } from '../manifest-validation';
import { checkArrival, checkStatusWebhooks, describeValue, expectError, exposedText, secretValues, sendIn, wrongValueFor } from './expectations';
import { fail, Outcome, Probe } from './probe';

export type ConformanceCheckId =
  | 'manifest'
  | 'config-schema'
  | 'send'
  | 'bad-credentials'
  | 'rate-limit'
  | 'server-error'
  | 'unreachable'
  | 'bad-recipient'
  | 'timeout'
  | 'abort'
  | 'secrets'
  | 'verify'
  | 'status-webhook';

export interface ConformanceCheck {
  id: ConformanceCheckId;
  /** The test's name: a sentence about what a conforming connector does. */
  title: string;
  /** False when the connector does not offer what the check is about (no `verify`, no webhooks, no secrets). */
  appliesTo(connector: Connector): boolean;
  run(probe: Probe): Promise<void>;
  /** Test timeout for the check, in milliseconds. */
  timeoutMs: number;
}

/** Timeout the kit gives the connector in the 'hang' checks. */
export const HANG_TIMEOUT_MS = 300;
/** How long after the timeout (or the abort) a connector may take to give up. */
export const GIVE_UP_SLACK_MS = 1_500;

export const conformanceChecks: readonly ConformanceCheck[] = [
  {
    id: 'manifest',
    title: 'has a valid manifest',
    timeoutMs: 5_000,
    appliesTo: () => true,
    async run(probe) {
      const problems = connectorProblems(probe.connector);
      if (problems.length) fail(`The connector is not valid: ${problems.join(' ')}`);
      const { channel } = probe.connector.manifest;
      const recipient = probe.options.recipient;
      if (channel === 'sms' && !/^\+[1-9]\d{6,14}$/.test(recipient)) fail(`The recipient for an SMS connector must be an E.164 number such as +14155550123, not ${describeValue(recipient)}.`);
      if (channel === 'email' && !/^[^\s@]+@[^\s@]+$/.test(recipient)) fail(`The recipient for an email connector must be an email address, not ${describeValue(recipient)}.`);
    },
  },
  {
    id: 'config-schema',
    title: "accepts the fake's settings and rejects missing or mistyped ones field by field",
    timeoutMs: 5_000,
    appliesTo: () => true,
    async run(probe) {
      const schema = probe.connector.manifest.configSchema;
      probe.config('good');
      probe.config('bad-credentials');
      probe.config('unreachable');
      const required = schema.filter((field) => field.required && field.default === undefined).map((field) => field.key);
      const empty = validateConfig(schema, {});
      if (required.length) {
        if (empty.ok) fail(`validateConfig accepted empty settings although ${required.join(', ')} are required.`);
        const reported = new Set(empty.issues.filter((issue) => issue.code === 'required').map((issue) => issue.key));
        const missing = required.filter((key) => !reported.has(key));
        if (missing.length) fail(`Empty settings should report every required field; not reported: ${missing.join(', ')}.`);
      }
      const good = probe.fake.config();
      for (const field of schema) {
        const result = validateConfig(schema, { ...good, [field.key]: wrongValueFor(field) });
        if (result.ok || !result.issues.some((issue) => issue.key === field.key)) {
          fail(`A wrong value for "${field.key}" (${field.type}) was not reported against that field.`);
        }
      }
    },
  },
  {
    id: 'send',
    title: 'sends a message that arrives at the provider with the right recipient and content',
    timeoutMs: 15_000,
    appliesTo: () => true,
    async run(probe) {
      const before = probe.fake.delivered().length;
      const outcome = await sendIn(probe, 'accept');
      if (!outcome.ok) fail(`send() should deliver the message but threw ${describeValue(outcome.error)}.`);
      checkArrival(probe, before, outcome.value);
    },
  },
  {
    id: 'bad-credentials',
    title: 'reports refused credentials as BadConfigError',
    timeoutMs: 15_000,
    appliesTo: () => true,
    async run(probe) {
      expectError(await sendIn(probe, 'accept', probe.config('bad-credentials')), 'bad-config', "With the fake's badCredentialsConfig()");
      expectError(await sendIn(probe, 'reject-auth'), 'bad-config', 'When the provider refuses the credentials');
    },
  },
  {
    id: 'rate-limit',
    title: 'reports a rate limit as RateLimitedError with a retry-after',
    timeoutMs: 15_000,
    appliesTo: () => true,
    async run(probe) {
      const error = expectError(await sendIn(probe, 'rate-limit'), 'rate-limited', 'When the provider is rate limiting');
      const after = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof after !== 'number' || !Number.isFinite(after) || after <= 0) fail(`RateLimitedError.retryAfterSeconds should be a positive number of seconds, not ${describeValue(after)}.`);
    },
  },
  {
    id: 'server-error',
    title: 'reports a provider outage (5xx) as RetryableError',
    timeoutMs: 15_000,
    appliesTo: () => true,
    async run(probe) {
      expectError(await sendIn(probe, 'server-error'), 'retryable', 'When the provider answers with a server error');
    },
  },
  {
    id: 'unreachable',
    title: 'reports a refused connection as RetryableError',
    timeoutMs: 15_000,
    appliesTo: () => true,
    async run(probe) {
      expectError(await probe.send(probe.config('unreachable')), 'retryable', 'When nobody listens at the configured address');
    },
  },
  {
    id: 'bad-recipient',
    title: 'reports a refused recipient as PermanentError',
    timeoutMs: 15_000,
    appliesTo: () => true,
    async run(probe) {
      expectError(await sendIn(probe, 'reject-recipient'), 'permanent', 'When the provider refuses the recipient');
    },
  },
  {
    id: 'timeout',
    title: `gives up with RetryableError soon after context.timeoutMs (${HANG_TIMEOUT_MS} ms) when the provider hangs`,
    timeoutMs: 15_000,
    appliesTo: () => true,
    async run(probe) {
      probe.fake.behave('hang');
      const controller = new AbortController();
      try {
        const outcome = await probe.send(probe.config(), { timeoutMs: HANG_TIMEOUT_MS, signal: controller.signal });
        expectError(outcome, 'retryable', `When the provider does not answer and context.timeoutMs is ${HANG_TIMEOUT_MS}`);
        if (outcome.elapsedMs > HANG_TIMEOUT_MS + GIVE_UP_SLACK_MS) {
          fail(`send() gave up after ${Math.round(outcome.elapsedMs)} ms although context.timeoutMs was ${HANG_TIMEOUT_MS}; it must give up within ${HANG_TIMEOUT_MS + GIVE_UP_SLACK_MS} ms.`);
        }
      } finally {
        controller.abort();
      }
    },
  },
  {
    id: 'abort',
    title: 'stops when context.signal is aborted, and sends nothing when it already was',
    timeoutMs: 15_000,
    appliesTo: () => true,
    async run(probe) {
      const before = probe.fake.delivered().length;
      probe.fake.behave('accept');
      const aborted = new AbortController();
      aborted.abort();
      const early = await probe.send(probe.config(), { signal: aborted.signal });
      expectError(early, 'retryable', 'When context.signal is already aborted');
      if (probe.fake.delivered().length !== before) fail('send() delivered a message although context.signal was already aborted.');

      probe.fake.behave('hang');
      const controller = new AbortController();
      const abortAfterMs = 200;
      const timer = setTimeout(() => controller.abort(), abortAfterMs);
      try {
        const outcome = await probe.send(probe.config(), { timeoutMs: 60_000, signal: controller.signal });
        expectError(outcome, 'retryable', 'When context.signal is aborted while the provider hangs');
        if (outcome.elapsedMs > abortAfterMs + GIVE_UP_SLACK_MS) {
          fail(`send() stopped ${Math.round(outcome.elapsedMs - abortAfterMs)} ms after context.signal was aborted; it must stop within ${GIVE_UP_SLACK_MS} ms.`);
        }
      } finally {
        clearTimeout(timer);
        controller.abort();
      }
    },
  },
  {
    id: 'secrets',
    title: 'never puts a secret in a log line, an error, a provider code or a result',
    timeoutMs: 30_000,
    appliesTo: (connector) => Array.isArray(connector.manifest?.configSchema) && connector.manifest.configSchema.some(isSecretField),
    async run(probe) {
      const secrets = secretValues(probe);
      const outcomes: [string, Outcome<unknown>][] = [];
      for (const scenario of ['accept', 'reject-auth', 'rate-limit', 'server-error', 'reject-recipient'] as const) {
        outcomes.push([`a send in scenario '${scenario}'`, await sendIn(probe, scenario)]);
      }
      outcomes.push(["a send with badCredentialsConfig()", await sendIn(probe, 'accept', probe.config('bad-credentials'))]);
      outcomes.push(['a send to an unreachable provider', await probe.send(probe.config('unreachable'))]);
      probe.fake.behave('hang');
      const controller = new AbortController();
      outcomes.push(['a send that timed out', await probe.send(probe.config(), { timeoutMs: HANG_TIMEOUT_MS, signal: controller.signal })]);
      controller.abort();
      probe.fake.behave('accept');
      if (probe.connector.verify) {
        outcomes.push(['verify() with config()', await probe.verify(probe.config())]);
        outcomes.push(['verify() with badCredentialsConfig()', await probe.verify(probe.config('bad-credentials'))]);
        outcomes.push(['verify() with unreachableConfig()', await probe.verify(probe.config('unreachable'))]);
      }
      for (const [during, outcome] of outcomes) {
        for (const { where, text } of exposedText(outcome)) {
          const leaked = secrets.find((secret) => text.includes(secret.value));
          if (leaked) fail(`The secret "${leaked.key}" appears in ${where} of ${during}.`);
        }
      }
    },
  },
  {
    id: 'verify',
    title: 'verify() tells good credentials from bad ones, with a reason',
    timeoutMs: 15_000,
    appliesTo: (connector) => typeof connector.verify === 'function',
    async run(probe) {
      probe.fake.behave('accept');
      const good = await probe.verify(probe.config());
      if (!good.ok) fail(`verify() threw ${describeValue(good.error)} for the fake's config(); it should resolve with { ok: true }.`);
      if (good.value?.ok !== true) fail(`verify() should accept the fake's config() but resolved with ${describeValue(good.value)}.`);
      for (const [which, label] of [['bad-credentials', 'badCredentialsConfig()'], ['unreachable', 'unreachableConfig()']] as const) {
        const bad = await probe.verify(probe.config(which));
        if (!bad.ok) fail(`verify() threw ${describeValue(bad.error)} for ${label}; it should resolve with { ok: false, message } instead.`);
        if (bad.value?.ok !== false) fail(`verify() should refuse ${label} but resolved with ${describeValue(bad.value)}.`);
        if (typeof bad.value.message !== 'string' || bad.value.message.trim() === '') fail(`verify() refused ${label} without a message saying why.`);
      }
    },
  },
  {
    id: 'status-webhook',
    title: 'parses genuine status webhooks and refuses forged ones',
    timeoutMs: 15_000,
    appliesTo: (connector) => connector.manifest?.capabilities?.statusWebhooks === true,
    async run(probe) {
      await checkStatusWebhooks(probe);
    },
  },
];

export function conformanceCheck(id: ConformanceCheckId): ConformanceCheck {
  const check = conformanceChecks.find((candidate) => candidate.id === id);
  if (!check) throw new Error(`There is no conformance check "${id}".`);
  return check;
}
