import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Keyring } from './field-crypto.ts';

/** Where the development keys live when none are configured (never used in production). */
const devKeyFile = (dataDir: string) => resolve(dataDir, 'keys', 'development-keys.json');

/**
 * A placeholder or a typed phrase, not a secret: one repeated byte (all zeros, say), a short
 * pattern (fewer than 16 different byte values: 32 random bytes almost always have 25 or more),
 * or only printable characters (a password base64-encoded; 32 random bytes are all printable
 * about once in 10^14 keys).
 */
const isWeak = (key: Buffer): boolean => new Set(key).size < 16 || key.every((byte) => byte >= 0x20 && byte <= 0x7e);

/** A new random key in the form FIELD_ENCRYPTION_KEYS and LOOKUP_HMAC_KEY take (id optional). */
export function generateKey(id?: string): string {
  const key = randomBytes(32).toString('base64');
  return id ? `${id}:${key}` : key;
}

/**
 * Parses "id:base64,id:base64" into a keyring; the first key encrypts new values, the others
 * only decrypt (that is how a key is rotated). Each key must be exactly 32 random bytes, ids
 * unique, and the HMAC key different from every encryption key.
 */
export function parseKeyring(encryptionKeys: string, hmacKey: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const pair of encryptionKeys.split(',')) {
    const [id, encoded] = pair.split(':');
    if (!id || !encoded) throw new Error('Each encryption key must be written as id:base64key');
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) throw new Error(`Encryption key "${id}" must be 32 bytes (it is ${key.length})`);
    if (isWeak(key))
      throw new Error(
        `Encryption key "${id}" is not random (a repeated pattern or typed text): generate one with npm run keys -- generate`,
      );
    if (keys.has(id)) throw new Error(`Encryption key id "${id}" is listed twice`);
    keys.set(id, key);
  }
  const hmac = Buffer.from(hmacKey, 'base64');
  if (hmac.length < 32) throw new Error('The lookup HMAC key must be at least 32 bytes');
  if (isWeak(hmac))
    throw new Error(
      'The lookup HMAC key is not random (a repeated pattern or typed text): generate one with npm run keys -- generate',
    );
  for (const [id, key] of keys) {
    if (key.equals(hmac))
      throw new Error(`The lookup HMAC key is the same as encryption key "${id}": each must be its own`);
  }
  const currentKeyId = encryptionKeys.split(':')[0] ?? '';
  return { currentKeyId, keys, hmacKey: hmac };
}

/**
 * Loads the keyring from the environment, or (outside production) from a key file generated
 * once under the data folder with owner-only permissions, so `npm start` works with no set-up.
 */
export async function loadKeyring(options: {
  encryptionKeys?: string | undefined;
  hmacKey?: string | undefined;
  dataDir: string;
  log?: (message: string) => void;
}): Promise<Keyring> {
  if (options.encryptionKeys && options.hmacKey) return parseKeyring(options.encryptionKeys, options.hmacKey);
  const file = devKeyFile(options.dataDir);
  let stored: { encryptionKeys: string; hmacKey: string };
  try {
    stored = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    stored = {
      encryptionKeys: `dev1:${randomBytes(32).toString('base64')}`,
      hmacKey: randomBytes(32).toString('base64'),
    };
    await mkdir(resolve(options.dataDir, 'keys'), { recursive: true, mode: 0o700 });
    await writeFile(file, JSON.stringify(stored), { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
    options.log?.(
      `Generated a development encryption key at ${file} (mode 0600). Set FIELD_ENCRYPTION_KEYS and LOOKUP_HMAC_KEY in production.`,
    );
  }
  return parseKeyring(options.encryptionKeys ?? stored.encryptionKeys, options.hmacKey ?? stored.hmacKey);
}
