import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DecryptionError,
  decryptField,
  encryptField,
  keyIdOf,
  lookupHmac,
} from '../../src/server/crypto/field-crypto.ts';
import { parseKeyring } from '../../src/server/crypto/keyring.ts';

const key = () => randomBytes(32).toString('base64');

describe('field-level encryption of personal data', () => {
  const hmac = key();
  const oldRing = parseKeyring(`k1:${key()}`, hmac);

  it('round-trips a value and never stores the plain text', () => {
    const stored = encryptField(oldRing, 'Ada Lovelace');
    expect(stored).not.toContain('Ada');
    expect(decryptField(oldRing, stored)).toBe('Ada Lovelace');
    // A fresh IV each time: equal names do not give equal ciphertexts.
    expect(encryptField(oldRing, 'Ada Lovelace')).not.toBe(stored);
  });

  it('reads old values after a key rotation and writes new ones with the new key', () => {
    const oldValue = encryptField(oldRing, '485 777 3457');
    const k1 = `k1:${oldRing.keys.get('k1')?.toString('base64')}`;
    const rotated = parseKeyring(`k2:${key()},${k1}`, hmac);
    expect(decryptField(rotated, oldValue)).toBe('485 777 3457');
    expect(keyIdOf(encryptField(rotated, 'x'))).toBe('k2');
  });

  it('rejects a tampered value instead of returning garbage', () => {
    const stored = encryptField(oldRing, 'secret');
    const parts = stored.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => decryptField(oldRing, parts.join('.'))).toThrow(DecryptionError);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => parseKeyring(`k1:${randomBytes(16).toString('base64')}`, hmac)).toThrow(/32 bytes/);
  });

  it('gives the same lookup hash for the same value and a different one otherwise', () => {
    expect(lookupHmac(oldRing, '4857773457')).toBe(lookupHmac(oldRing, '4857773457'));
    expect(lookupHmac(oldRing, '4857773457')).not.toBe(lookupHmac(oldRing, '9434765919'));
  });
});
