import { conformanceCheck, conformanceChecks, ConformanceCheckId } from './checks';
import { Probe } from './probe';
import { ConformanceOptions, ProviderFake } from './provider-fake';

/**
 * Runs one check on its own against a fresh fake (started and stopped around it). Resolves when
 * the connector passes and rejects with a `ConformanceFailure` saying what went wrong otherwise.
 */
export async function runConformanceCheck(id: ConformanceCheckId, options: ConformanceOptions): Promise<void> {
  const check = conformanceCheck(id);
  const fake = options.fake();
  await fake.start();
  try {
    fake.behave('accept');
    await check.run(new Probe(options, fake));
  } finally {
    await fake.stop();
  }
}

/**
 * The conformance suite: one `describe` with one test per check, run against a fake started once
 * for the suite. Checks about something the connector does not offer (no `verify`, no status
 * webhooks, no secret settings) are reported as skipped.
 */
export function describeConnectorConformance(options: ConformanceOptions): void {
  const id = options.connector?.manifest?.id ?? 'unnamed';
  describe(`${id} connector conformance`, () => {
    let fake: ProviderFake | undefined;

    beforeAll(async () => {
      const created = options.fake();
      await created.start();
      fake = created;
    });

    afterAll(async () => {
      await fake?.stop();
    });

    beforeEach(() => {
      fake?.behave('accept');
    });

    for (const check of conformanceChecks) {
      const applies = check.id === 'manifest' || safely(() => check.appliesTo(options.connector));
      const test = applies ? it : it.skip;
      test(
        check.title,
        async () => {
          if (!fake) throw new Error('The provider fake did not start; see the error in beforeAll.');
          await check.run(new Probe(options, fake));
        },
        check.timeoutMs,
      );
    }
  });
}

function safely(question: () => boolean): boolean {
  try {
    return question();
  } catch {
    return false;
  }
}
