import { BadConfigError, ConnectorError, InvalidSignatureError, PermanentError, RateLimitedError, RetryableError } from './errors';

describe('connector errors', () => {
  it('carry the kind the platform acts on, their class name and the provider code', () => {
    const cause = new Error('socket hang up');
    const errors: [ConnectorError, string, string][] = [
      [new RetryableError('Try later.', { providerCode: '503', cause }), 'retryable', 'RetryableError'],
      [new RateLimitedError('Slow down.', 7, { providerCode: '429' }), 'rate-limited', 'RateLimitedError'],
      [new PermanentError('Invalid number.', { providerCode: '21211' }), 'permanent', 'PermanentError'],
      [new BadConfigError('Wrong password.', { providerCode: '535' }), 'bad-config', 'BadConfigError'],
    ];
    for (const [error, kind, name] of errors) {
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toBeInstanceOf(Error);
      expect([error.kind, error.name]).toEqual([kind, name]);
      expect(error.providerCode).toMatch(/^\d+$/);
    }
    expect(errors[0][0].cause).toBe(cause);
    expect((errors[1][0] as RateLimitedError).retryAfterSeconds).toBe(7);
  });

  it('leave the provider code out when none is given', () => {
    expect(new RetryableError('Try later.').providerCode).toBeUndefined();
  });

  it('give an invalid signature a default message', () => {
    const error = new InvalidSignatureError();
    expect([error.name, error.message]).toEqual(['InvalidSignatureError', 'The webhook signature is missing or does not match.']);
  });
});
