/**
 * Passwords of 12+ characters that appear near the top of public breach lists, plus the patterns
 * they come from. Shorter ones are already refused by the length rule.
 */
const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '1234567891011', '123123123123',
  '123321123321', '111111111111', '000000000000', '987654321098', '098765432112', '121212121212',
  '112233445566', '147258369147', '159753159753', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u', '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv', 'qazwsxedcrfv', 'zaq12wsxcde3', 'zaq1zaq1zaq1', '1234qwerasdf', '1234qwerasdfzxcv',
  'qwer1234asdf', 'q1w2e3r4t5y6', 'a1b2c3d4e5f6', '1a2b3c4d5e6f', 'abc123456789', 'abcdefghijkl',
  'abcdefghijklm', 'abcd1234abcd', 'qwertyuiopas', 'qwertyuiop123', 'qwertyuiopasdfghjkl', 'qwerty123456',
  'qwertyqwerty', 'qwerty12345678', 'asdfghjkl123', 'asdfghjklqwe', 'zxcvbnm123456', 'zxcvbnmasdfghjkl',
  'password1234', 'password12345', 'password123456', 'passwordpassword', 'password1234!', 'password123!',
  'p@ssw0rd1234', 'p@ssword1234', 'passw0rd1234', 'p@55w0rd1234', 'mypassword123', 'mypassword1234',
  'secretpassword', 'supersecret123', 'supersecretpassword', 'iloveyou1234', 'iloveyouiloveyou',
  'letmein12345', 'letmeinletmein', 'welcome12345', 'welcome123456', 'welcome2024!', 'welcome2025!',
  'welcome2026!', 'administrator', 'administrator1', 'changeme1234', 'changemenow!', 'trustno1trustno1',
  'football1234', 'baseball1234', 'superman1234', 'princess1234', 'sunshine1234', 'starwars1234',
  'monkey123456', 'dragon123456', 'master123456', 'michael12345', 'jennifer1234', 'helloworld123',
  'hello12345678', 'internet1234', 'computer1234', 'samsung12345', 'whatever1234', 'freedom12345',
  'blink182blink182', 'correcthorsebatterystaple', 'thequickbrownfox', 'iamthebest123', 'qwertyuiop1234',
  'summer2024!!', 'summer2025!!', 'winter2025!!', 'spring2026!!', 'autumn2025!!', 'fieldbook1234',
  'fieldbookpassword', 'fieldbook123!', 'testtesttest', 'test12345678', 'testpassword', 'demopassword',
  'defaultpassword', 'adminadmin123', 'admin1234567', 'rootpassword', 'guestpassword', 'useruseruser',
]);

/** Words that, padded with digits and symbols, make most "long" weak passwords. */
const COMMON_BASES = [
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'qwerty', 'letmein', 'welcome', 'iloveyou', 'admin',
  'administrator', 'changeme', 'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess',
  'superman', 'master', 'login', 'fieldbook', 'secret', 'abc', 'test', 'qwertyuiop', 'asdfghjkl',
];

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  if (new Set(lower).size <= 3) return true;
  // "password" / "Welcome" with only digits and symbols around it.
  const letters = lower.replace(/[^a-z@0]/g, '');
  const padding = lower.replace(/[a-z@]/g, '');
  if (COMMON_BASES.some((base) => letters === base || lower.replace(/[^a-z]/g, '') === base) && /^[\d\W_]*$/.test(padding)) {
    return true;
  }
  // Runs like 123456789012 or abcdefghijkl.
  let ascending = 0;
  for (let i = 1; i < lower.length; i += 1) {
    if (lower.charCodeAt(i) - lower.charCodeAt(i - 1) === 1) ascending += 1;
  }
  return ascending >= lower.length - 2;
}
