import { Keyring, SealedSecret, SecretBox, TamperedSecretError, UnknownKeyError, keyIdOf, secretAad } from './secret-box';

const OLD_KEY = 'an-old-encryption-key-retired-in-2025-0001';
const NEW_KEY = 'the-current-encryption-key-from-2026-00002';
const SECRETS = JSON.stringify({ password: 'smtp-password-8c1f', apiKey: 'key-live-77aa' });
const AAD = secretAad('0b6f1d7e-1111-4c5e-9a1b-2c3d4e5f6a7b', 'smtp');

function flip(buffer: Buffer, index = 0): Buffer {
  const copy = Buffer.from(buffer);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

describe('secret box (envelope encryption of connector credentials)', () => {
  const box = new SecretBox(new Keyring(NEW_KEY));

  it('names a key by the first 8 hex digits of its SHA-256', () => {
    expect(keyIdOf('abc')).toBe('ba7816bf');
    expect(new Keyring(NEW_KEY).currentId).toBe(keyIdOf(NEW_KEY));
  });

  it('seals and opens, with a fresh data key and IVs for every record and no plaintext in what is stored', () => {
    const first = box.seal(SECRETS, AAD);
    const second = box.seal(SECRETS, AAD);
    expect(box.open(first, AAD)).toBe(SECRETS);
    expect(first.keyId).toBe(keyIdOf(NEW_KEY));
    expect([first.iv.length, first.authTag.length, first.wrappedKey.length]).toEqual([12, 16, 60]);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(first.wrappedKey.equals(second.wrappedKey)).toBe(false);
    expect(first.iv.equals(second.iv)).toBe(false);
    const stored = Buffer.concat([first.ciphertext, first.wrappedKey]).toString('latin1');
    expect(stored).not.toContain('smtp-password-8c1f');
  });

  it('refuses to open a record under another environment or connector (the record identity is authenticated)', () => {
    const sealed = box.seal(SECRETS, AAD);
    expect(() => box.open(sealed, secretAad('0b6f1d7e-1111-4c5e-9a1b-2c3d4e5f6a7c', 'smtp'))).toThrow(TamperedSecretError);
    expect(() => box.open(sealed, secretAad('0b6f1d7e-1111-4c5e-9a1b-2c3d4e5f6a7b', 'twilio'))).toThrow(TamperedSecretError);
  });

  it.each<[string, (sealed: SealedSecret) => SealedSecret]>([
    ['ciphertext', (sealed) => ({ ...sealed, ciphertext: flip(sealed.ciphertext) })],
    ['auth tag', (sealed) => ({ ...sealed, authTag: flip(sealed.authTag) })],
    ['IV', (sealed) => ({ ...sealed, iv: flip(sealed.iv) })],
    ['wrapped data key', (sealed) => ({ ...sealed, wrappedKey: flip(sealed.wrappedKey, 40) })],
    ['wrapped data key length', (sealed) => ({ ...sealed, wrappedKey: sealed.wrappedKey.subarray(0, 59) })],
  ])('refuses a record whose %s was changed', (_part, tamper) => {
    expect(() => box.open(tamper(box.seal(SECRETS, AAD)), AAD)).toThrow(TamperedSecretError);
  });

  it('refuses a data key relabelled with another configured key id', () => {
    const both = new SecretBox(new Keyring(NEW_KEY, [OLD_KEY]));
    const sealed = both.seal(SECRETS, AAD);
    expect(() => both.open({ ...sealed, keyId: keyIdOf(OLD_KEY) }, AAD)).toThrow(TamperedSecretError);
  });

  it('says which key is missing when a record was wrapped with a key this instance lacks', () => {
    const sealed = new SecretBox(new Keyring(OLD_KEY)).seal(SECRETS, AAD);
    expect(() => box.open(sealed, AAD)).toThrow(UnknownKeyError);
    expect(() => box.open(sealed, AAD)).toThrow(`key ${keyIdOf(OLD_KEY)}, which is not configured: add that key to APP_ENCRYPTION_KEYS_OLD`);
  });

  it('opens records of an old key while it is kept, and re-wraps them with the current key without touching the ciphertext', () => {
    const sealed = new SecretBox(new Keyring(OLD_KEY)).seal(SECRETS, AAD);
    const rotating = new SecretBox(new Keyring(NEW_KEY, [OLD_KEY]));
    expect(rotating.open(sealed, AAD)).toBe(SECRETS);
    const rewrapped = rotating.rewrap(sealed, AAD)!;
    expect(rewrapped.keyId).toBe(keyIdOf(NEW_KEY));
    expect(rewrapped.ciphertext.equals(sealed.ciphertext)).toBe(true);
    expect(rewrapped.wrappedKey.equals(sealed.wrappedKey)).toBe(false);
    // The old key can go now.
    expect(box.open(rewrapped, AAD)).toBe(SECRETS);
    expect(rotating.rewrap(rewrapped, AAD)).toBeUndefined();
  });

  it('does not re-wrap a record that no longer decrypts', () => {
    const sealed = new SecretBox(new Keyring(OLD_KEY)).seal(SECRETS, AAD);
    const rotating = new SecretBox(new Keyring(NEW_KEY, [OLD_KEY]));
    expect(() => rotating.rewrap({ ...sealed, ciphertext: flip(sealed.ciphertext) }, AAD)).toThrow(TamperedSecretError);
    expect(() => rotating.rewrap(sealed, secretAad('another-environment', 'smtp'))).toThrow(TamperedSecretError);
  });

  it('accepts the same key listed twice, and the empty secret set', () => {
    const twice = new SecretBox(new Keyring(NEW_KEY, [NEW_KEY]));
    expect(twice.open(twice.seal('{}', AAD), AAD)).toBe('{}');
  });
});
