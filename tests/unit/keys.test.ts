import { describe, expect, it } from 'vitest';
import { generateKey, parseKeyring } from '../../src/server/crypto/keyring.ts';

const good = () => generateKey();

describe('keys are checked at start-up', () => {
  it('accepts random 32-byte keys, and the first listed encrypts new values', () => {
    const keyring = parseKeyring(`new:${good()},old:${good()}`, good());
    expect(keyring.currentKeyId).toBe('new');
    expect([...keyring.keys.keys()]).toEqual(['new', 'old']);
  });

  it('refuses a key of the wrong length, a placeholder of one repeated byte, and a repeated id', () => {
    expect(() => parseKeyring(`k:${Buffer.alloc(16, 1).toString('base64')}`, good())).toThrow(/must be 32 bytes/);
    expect(() => parseKeyring(`k:${Buffer.alloc(32).toString('base64')}`, good())).toThrow(/not random/);
    expect(() => parseKeyring(`k:${good()},k:${good()}`, good())).toThrow(/listed twice/);
    expect(() => parseKeyring(`k:${good()}`, Buffer.alloc(32, 7).toString('base64'))).toThrow(/HMAC key is not random/);
  });

  it('refuses a key that is a short pattern or typed text, such as a password encoded as base64', () => {
    const pattern = Buffer.from(Array.from({ length: 32 }, (_, i) => i % 8)).toString('base64');
    const phrase = Buffer.from('correct horse battery staple 123').toString('base64');
    expect(() => parseKeyring(`k:${pattern}`, good())).toThrow(/not random/);
    expect(() => parseKeyring(`k:${phrase}`, good())).toThrow(/not random/);
    expect(() => parseKeyring(`k:${good()}`, phrase)).toThrow(/HMAC key is not random/);
    // Random keys pass, every time.
    for (let i = 0; i < 1000; i += 1) expect(() => parseKeyring(`k:${good()}`, good())).not.toThrow();
  });

  it('refuses the same key for encryption and for lookups', () => {
    const key = good();
    expect(() => parseKeyring(`k:${key}`, key)).toThrow(/same as encryption key "k"/);
  });

  it('generates a different random key each time, in the form the settings take', () => {
    expect(generateKey('k2')).toMatch(/^k2:[A-Za-z0-9+/]{43}=$/);
    expect(generateKey()).not.toBe(generateKey());
  });
});
