import { issueCsrfToken, isValidCsrfToken } from './csrf.middleware';

describe('CSRF tokens', () => {
  const secret = 'x'.repeat(40);

  it('accepts a token it issued', () => expect(isValidCsrfToken(secret, issueCsrfToken(secret))).toBe(true));

  it('refuses a token signed with another secret', () => expect(isValidCsrfToken(secret, issueCsrfToken('y'.repeat(40)))).toBe(false));

  it.each([undefined, '', 'no-dot', 'a.b.c', 'a.b', 42, 'x'.repeat(300)])('refuses %p', (token) => expect(isValidCsrfToken(secret, token)).toBe(false));

  it('issues a different token each time', () => expect(issueCsrfToken(secret)).not.toBe(issueCsrfToken(secret)));
});
