/**
 * The connector conformance kit: a jest suite every connector runs against itself, given a local
 * fake of its provider. It uses jest's globals, so it is imported from
 * `@fieldbook/plugin-sdk/conformance` in tests only, never from the SDK's main entry.
 */
export type { ConformanceOptions, DeliveredMessage, FakeScenario, ProviderFake } from './provider-fake';
export { describeConnectorConformance, runConformanceCheck } from './describe';
export { conformanceCheck, conformanceChecks, GIVE_UP_SLACK_MS, HANG_TIMEOUT_MS } from './checks';
export type { ConformanceCheck, ConformanceCheckId } from './checks';
export { ConformanceFailure, Probe, sampleMessage, testSendContext } from './probe';
export type { Outcome, RecordingSendContext } from './probe';
export { LocalHttpProvider } from './local-http-provider';
