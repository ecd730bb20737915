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
 * can rotate: new values use the newest key, old values stay readable with older ones. Each
 * value is bound to its table, column and row (FieldSlot).
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

/**
 * Where a value is stored: its table, its column and its row's identity (a value that exists
 * before the insert, see slots.ts). All three are authenticated with the value, so ciphertext
 * copied into another row, column or table fails its integrity check instead of being read as
 * someone else's (a person who can write to the database, or restores a backup row, cannot
 * move a victim's address into a row they can read).
 */
export interface FieldSlot {
  table: string;
  column: string;
  row: string;
}

/**
 * "v2": the additional data binds the key id, table, column and row. "v1" (the first format, key
 * id only) is still read, so a database written before the binding works until
 * `npm run keys -- rotate` has re-encrypted it as v2 (rotate.ts).
 */
const FORMAT = 'v2';
const LEGACY_FORMAT = 'v1';

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

/**
 * The additional data. Table and column names are identifiers (never a NUL), and the row comes
 * last, so no two slots give the same bytes.
 */
function additionalData(format: string, keyId: string, slot: FieldSlot): Buffer {
  if (format === LEGACY_FORMAT) return Buffer.from(keyId);
  return Buffer.from([FORMAT, keyId, slot.table, slot.column, slot.row].join('\0'));
}

/** Encrypts one field for its slot; the result is "v2.<keyId>.<iv>.<ciphertext+tag>" in base64url. */
export function encryptField(keyring: Keyring, plaintext: string, slot: FieldSlot): string {
  const key = keyring.keys.get(keyring.currentKeyId);
  if (!key) throw new Error(`The current encryption key "${keyring.currentKeyId}" is missing from the keyring`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyObject(key), iv);
  // The key id is authenticated too, so a value cannot be relabelled to another key.
  cipher.setAAD(additionalData(FORMAT, keyring.currentKeyId, slot));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [FORMAT, keyring.currentKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
}

/**
 * Decrypts a value read from `slot` with any key still in the keyring. The error names the table
 * and column (never the row, which may be a token's hash, nor anything decrypted).
 */
export function decryptField(keyring: Keyring, stored: string, slot: FieldSlot): string {
  const [format, keyId, ivText, bodyText, extra] = stored.split('.');
  if ((format !== FORMAT && format !== LEGACY_FORMAT) || !keyId || !ivText || !bodyText || extra !== undefined) {
    throw new DecryptionError(
      `The stored value in ${slot.table}.${slot.column} is not in the expected encrypted format`,
    );
  }
  const key = keyring.keys.get(keyId);
  if (!key) throw new DecryptionError(`No key with id "${keyId}" is configured, so this value cannot be read`);
  const body = Buffer.from(bodyText, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyObject(key), Buffer.from(ivText, 'base64url'));
    decipher.setAAD(additionalData(format, keyId, slot));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new DecryptionError(
      `The stored value in ${slot.table}.${slot.column} failed its integrity check: it was altered, or copied from another row or column`,
      { cause: error },
    );
  }
}

/** Which key a stored value was written with, so a re-encryption job can find old values. */
export function keyIdOf(stored: string): string | undefined {
  return stored.split('.')[1];
}

/** True when a stored value must be re-encrypted: under another key, or in the unbound v1 format. */
export function needsReEncryption(stored: unknown, currentKeyId: string): stored is string {
  if (typeof stored !== 'string') return false;
  const [format, keyId] = stored.split('.');
  return format === LEGACY_FORMAT || (format === FORMAT && keyId !== currentKeyId);
}

/** A keyed hash for finding equal values (duplicates, earlier requests) without decrypting. */
export function lookupHmac(keyring: Keyring, normalisedValue: string): string {
  return createHmac('sha256', keyObject(keyring.hmacKey)).update(normalisedValue, 'utf8').digest('hex');
}

/** Encrypts a JSON-serialisable value (e.g. template parameters). */
export function encryptJson(keyring: Keyring, value: unknown, slot: FieldSlot): string {
  return encryptField(keyring, JSON.stringify(value), slot);
}

/** Decrypts a value written by `encryptJson`. The caller validates its shape. */
export function decryptJson(keyring: Keyring, stored: string, slot: FieldSlot): unknown {
  return JSON.parse(decryptField(keyring, stored, slot));
}
