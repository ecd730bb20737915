import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * Field-level encryption of personal data at rest (names, NHS numbers, dates of birth,
 * addresses, contacts, free text), so that a copy of the database or a backup reveals nothing.
 * AES-256-GCM with a random 96-bit IV per value; the key id is stored with each value so keys
 * can rotate: new values use the newest key, old values stay readable with older ones.
 */
export interface Keyring {
  /** The id of the key new values are encrypted with. */
  currentKeyId: string;
  /** Every key that may still be needed to read stored values, by id. */
  keys: ReadonlyMap<string, Buffer>;
  /** Key for lookup HMACs (e.g. of a normalised NHS number), kept apart from encryption keys. */
  hmacKey: Buffer;
}

/** Thrown when a stored value cannot be decrypted (unknown key id, tampering, wrong format). */
export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

const FORMAT = 'v1';

// Node re-imports a raw key buffer on every cipher call; a KeyObject made once per key avoids that
// on the hot path of every submission (it showed as ~5 % of CPU under load).
const keyObjects = new WeakMap<Buffer, KeyObject>();
function keyObject(key: Buffer): KeyObject {
  let object = keyObjects.get(key);
  if (!object) {
    object = createSecretKey(key);
    keyObjects.set(key, object);
  }
  return object;
}

/** Encrypts one field; the result is "v1.<keyId>.<iv>.<ciphertext+tag>" in base64url. */
export function encryptField(keyring: Keyring, plaintext: string): string {
  const key = keyring.keys.get(keyring.currentKeyId);
  if (!key) throw new Error(`The current encryption key "${keyring.currentKeyId}" is missing from the keyring`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyObject(key), iv);
  // The key id is authenticated too, so a value cannot be relabelled to another key.
  cipher.setAAD(Buffer.from(keyring.currentKeyId));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [FORMAT, keyring.currentKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
}

/** Decrypts a value written by `encryptField` with any key still in the keyring. */
export function decryptField(keyring: Keyring, stored: string): string {
  const [format, keyId, ivText, bodyText, extra] = stored.split('.');
  if (format !== FORMAT || !keyId || !ivText || !bodyText || extra !== undefined) {
    throw new DecryptionError('The stored value is not in the expected encrypted format');
  }
  const key = keyring.keys.get(keyId);
  if (!key) throw new DecryptionError(`No key with id "${keyId}" is configured, so this value cannot be read`);
  const body = Buffer.from(bodyText, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyObject(key), Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new DecryptionError('The stored value failed its integrity check', { cause: error });
  }
}

/** Which key a stored value was written with, so a re-encryption job can find old values. */
export function keyIdOf(stored: string): string | undefined {
  return stored.split('.')[1];
}

/** A keyed hash for finding equal values (duplicates, earlier requests) without decrypting. */
export function lookupHmac(keyring: Keyring, normalisedValue: string): string {
  return createHmac('sha256', keyObject(keyring.hmacKey)).update(normalisedValue, 'utf8').digest('hex');
}

/** Encrypts a JSON-serialisable value (e.g. template parameters). */
export function encryptJson(keyring: Keyring, value: unknown): string {
  return encryptField(keyring, JSON.stringify(value));
}

/** Decrypts a value written by `encryptJson`. The caller validates its shape. */
export function decryptJson(keyring: Keyring, stored: string): unknown {
  return JSON.parse(decryptField(keyring, stored));
}
