import { AttemptKey, newIdempotencyKey } from './attempt-key';

describe('AttemptKey', () => {
  let counter: number;
  let keys: AttemptKey;

  beforeEach(() => {
    counter = 0;
    keys = new AttemptKey(() => `key-${++counter}`);
  });

  it('reuses the key when the same request is sent again', () => {
    const request = { serviceTypeId: 's', start: '2026-11-24T09:00:00-05:00' };
    expect(keys.for(request)).toBe('key-1');
    expect(keys.for({ ...request })).toBe('key-1');
  });

  it('takes a new key for a different request', () => {
    keys.for({ start: 'a' });
    expect(keys.for({ start: 'b' })).toBe('key-2');
  });

  it('keeps the key after a request that got no answer, so a retry cannot book twice', () => {
    keys.for({ start: 'a' });
    keys.settle(0);
    expect(keys.for({ start: 'a' })).toBe('key-1');
    keys.settle(503);
    expect(keys.for({ start: 'a' })).toBe('key-1');
  });

  it('starts a new attempt after the server answered', () => {
    keys.for({ start: 'a' });
    keys.settle(409);
    expect(keys.for({ start: 'a' })).toBe('key-2');
  });

  it('makes version 4 UUIDs, also where crypto.randomUUID is missing', () => {
    const pattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newIdempotencyKey()).toMatch(pattern);
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const first = newIdempotencyKey();
      expect(first).toMatch(pattern);
      expect(newIdempotencyKey()).not.toBe(first);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
