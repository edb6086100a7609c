import { isCommonPassword } from './common-passwords';

describe('common password check', () => {
  it.each(['password1234', 'Password1234', 'P@ssw0rd1234', 'qwertyuiop123', '123456789012', 'abcdefghijklm', 'zzzzzzzzzzzz', 'ababababababab', 'Welcome!!2026', 'letmein!!!!!!'])(
    'refuses %s',
    (password) => expect(isCommonPassword(password)).toBe(true),
  );

  it.each(['correct-staple-horse-7391', 'Blue kettle on the 5th shelf', 'tr4ctor-mango-wharf', 'northwind-demo-2026'])('accepts %s', (password) =>
    expect(isCommonPassword(password)).toBe(false),
  );
});
