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
import { legacyV1Value } from '../support/legacy-field-crypto.ts';

const key = () => randomBytes(32).toString('base64');

/** Where the values in these tests are stored. */
const slot = { table: 'opt_out_requests', column: 'patient_name_encrypted', row: 'AB3CD5EF' };

describe('field-level encryption of personal data', () => {
  const hmac = key();
  const oldRing = parseKeyring(`k1:${key()}`, hmac);

  it('round-trips a value and never stores the plain text', () => {
    const stored = encryptField(oldRing, 'Ada Lovelace', slot);
    expect(stored).not.toContain('Ada');
    expect(decryptField(oldRing, stored, slot)).toBe('Ada Lovelace');
    // A fresh IV each time: equal names do not give equal ciphertexts.
    expect(encryptField(oldRing, 'Ada Lovelace', slot)).not.toBe(stored);
  });

  it('reads old values after a key rotation and writes new ones with the new key', () => {
    const oldValue = encryptField(oldRing, '485 777 3457', slot);
    const k1 = `k1:${oldRing.keys.get('k1')?.toString('base64')}`;
    const rotated = parseKeyring(`k2:${key()},${k1}`, hmac);
    expect(decryptField(rotated, oldValue, slot)).toBe('485 777 3457');
    expect(keyIdOf(encryptField(rotated, 'x', slot))).toBe('k2');
  });

  it('rejects a tampered value instead of returning garbage', () => {
    const stored = encryptField(oldRing, 'secret', slot);
    const parts = stored.split('.');
    const body = Buffer.from(parts[3] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => decryptField(oldRing, parts.join('.'), slot)).toThrow(DecryptionError);
  });

  it('refuses a value copied into another row, column or table, saying so', () => {
    const nameOfOne = slot;
    const stored = encryptField(oldRing, 'Ada Lovelace', nameOfOne);
    expect(decryptField(oldRing, stored, nameOfOne)).toBe('Ada Lovelace');
    const elsewhere = [
      { ...nameOfOne, row: 'XY4ZW6VU' },
      { ...nameOfOne, column: 'contact_email_encrypted' },
      { ...nameOfOne, table: 'feedback_items' },
    ];
    for (const other of elsewhere) {
      expect(() => decryptField(oldRing, stored, other)).toThrow(DecryptionError);
      expect(() => decryptField(oldRing, stored, other)).toThrow(
        `The stored value in ${other.table}.${other.column} failed its integrity check: it was altered, or copied from another row or column`,
      );
    }
  });

  it('still reads values written before rows were bound (the key id was the only additional data)', () => {
    const old = legacyV1Value(oldRing, 'Grace Hopper');
    expect(decryptField(oldRing, old, slot)).toBe('Grace Hopper');
    expect(encryptField(oldRing, 'Grace Hopper', slot)).toMatch(/^v2\.k1\./);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => parseKeyring(`k1:${randomBytes(16).toString('base64')}`, hmac)).toThrow(/32 bytes/);
  });

  it('gives the same lookup hash for the same value and a different one otherwise', () => {
    expect(lookupHmac(oldRing, '4857773457')).toBe(lookupHmac(oldRing, '4857773457'));
    expect(lookupHmac(oldRing, '4857773457')).not.toBe(lookupHmac(oldRing, '9434765919'));
  });
});
