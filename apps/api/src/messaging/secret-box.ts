import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Envelope encryption for connector credentials. Each record gets its own random data key
 * (AES-256-GCM); the data key is stored wrapped (AES-256-GCM again) by a key-encryption key derived
 * from `APP_ENCRYPTION_KEY`. The record's identity (environment and connector) is authenticated
 * with both layers, so ciphertext copied to another row does not decrypt. The key id names which
 * key wrapped the data key, so old keys can decrypt until `rotate-keys` re-wraps every record.
 */
export interface SealedSecret {
  ciphertext: Buffer;
  /** 12 bytes. */
  iv: Buffer;
  /** 16 bytes. */
  authTag: Buffer;
  /** The data key encrypted with the key-encryption key: iv (12) ‖ auth tag (16) ‖ encrypted key (32). */
  wrappedKey: Buffer;
  /** Which key wrapped the data key: the first 8 hex digits of the SHA-256 of `APP_ENCRYPTION_KEY`. */
  keyId: string;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** The secret was wrapped with a key this instance does not have. */
export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`The credentials were encrypted with key ${keyId}, which is not configured: add that key to APP_ENCRYPTION_KEYS_OLD.`);
    this.name = 'UnknownKeyError';
  }
}

/** The ciphertext, its key or its record identity was changed: it does not decrypt. */
export class TamperedSecretError extends Error {
  constructor() {
    super('The stored credentials do not decrypt: they were changed, or belong to another record.');
    this.name = 'TamperedSecretError';
  }
}

export function keyIdOf(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 8);
}

/** The current key and the earlier ones, by id. */
export class Keyring {
  readonly currentId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: string, old: string[] = []) {
    this.currentId = keyIdOf(current);
    for (const key of [current, ...old]) {
      const id = keyIdOf(key);
      const derived = deriveKeyEncryptionKey(key);
      const known = this.keys.get(id);
      // Two different keys with the same 8-digit id would make the id ambiguous; refuse rather than guess.
      if (known && !known.equals(derived)) throw new Error(`Two encryption keys share the key id ${id}; replace one of them.`);
      this.keys.set(id, derived);
    }
  }

  has(keyId: string): boolean {
    return this.keys.has(keyId);
  }

  keyEncryptionKey(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new UnknownKeyError(keyId);
    return key;
  }
}

/** A 256-bit key from the configured text key (which may be a passphrase rather than random bytes). */
function deriveKeyEncryptionKey(key: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(key, 'utf8'), 'fieldbook', 'connector-credentials key-encryption key', KEY_BYTES));
}

function encrypt(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; authTag: Buffer; ciphertext: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, authTag: cipher.getAuthTag(), ciphertext };
}

function decrypt(key: Buffer, iv: Buffer, authTag: Buffer, ciphertext: Buffer, aad: string): Buffer {
  if (iv.length !== IV_BYTES || authTag.length !== TAG_BYTES) throw new TamperedSecretError();
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(authTag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new TamperedSecretError();
  }
}

/** What the data key is bound to besides the record: the wrapping key's id. */
function wrapAad(keyId: string, aad: string): string {
  return `data-key:${keyId}:${aad}`;
}

export class SecretBox {
  constructor(private readonly keyring: Keyring) {}

  get currentKeyId(): string {
    return this.keyring.currentId;
  }

  /** Encrypts `plaintext` under a fresh data key, wrapped with the current key. `aad` names the record. */
  seal(plaintext: string, aad: string): SealedSecret {
    const dataKey = randomBytes(KEY_BYTES);
    try {
      const body = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), aad);
      return { ...body, wrappedKey: this.wrap(dataKey, this.keyring.currentId, aad), keyId: this.keyring.currentId };
    } finally {
      dataKey.fill(0);
    }
  }

  open(sealed: SealedSecret, aad: string): string {
    const dataKey = this.unwrap(sealed, aad);
    try {
      return decrypt(dataKey, sealed.iv, sealed.authTag, sealed.ciphertext, aad).toString('utf8');
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * The same secret with its data key wrapped by the current key; the ciphertext is unchanged.
   * Undefined when it is wrapped by the current key already.
   */
  rewrap(sealed: SealedSecret, aad: string): SealedSecret | undefined {
    if (sealed.keyId === this.keyring.currentId) return undefined;
    const dataKey = this.unwrap(sealed, aad);
    try {
      // Prove the data key still opens this record before trusting the new wrapping with it.
      decrypt(dataKey, sealed.iv, sealed.authTag, sealed.ciphertext, aad);
      return { ...sealed, wrappedKey: this.wrap(dataKey, this.keyring.currentId, aad), keyId: this.keyring.currentId };
    } finally {
      dataKey.fill(0);
    }
  }

  private wrap(dataKey: Buffer, keyId: string, aad: string): Buffer {
    const { iv, authTag, ciphertext } = encrypt(this.keyring.keyEncryptionKey(keyId), dataKey, wrapAad(keyId, aad));
    return Buffer.concat([iv, authTag, ciphertext]);
  }

  private unwrap(sealed: SealedSecret, aad: string): Buffer {
    const kek = this.keyring.keyEncryptionKey(sealed.keyId);
    const wrapped = sealed.wrappedKey;
    if (wrapped.length !== IV_BYTES + TAG_BYTES + KEY_BYTES) throw new TamperedSecretError();
    return decrypt(kek, wrapped.subarray(0, IV_BYTES), wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES), wrapped.subarray(IV_BYTES + TAG_BYTES), wrapAad(sealed.keyId, aad));
  }
}

/** The record identity both layers authenticate. */
export function secretAad(environmentId: string, connectorId: string): string {
  return `environment:${environmentId}/connector:${connectorId}`;
}
