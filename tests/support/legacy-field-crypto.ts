import { createCipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../../src/server/crypto/field-crypto.ts';

/**
 * A value in the first stored format ("v1."), whose additional data was the key id alone, written
 * the way field-crypto.ts wrote it before rows were bound: databases hold such values until
 * `npm run keys -- rotate` has run, so reading and rotating them must keep working.
 */
export function legacyV1Value(keyring: Keyring, plaintext: string): string {
  const key = keyring.keys.get(keyring.currentKeyId);
  if (!key) throw new Error(`No key "${keyring.currentKeyId}" in the keyring`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyring.currentKeyId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return ['v1', keyring.currentKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
}
