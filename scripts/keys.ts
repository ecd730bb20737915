import { generateKey, loadKeyring } from '../src/server/crypto/keyring.ts';
import { reEncryptAll } from '../src/server/crypto/rotate.ts';
import { openStore } from '../src/server/db/client.ts';
import { loadEnv } from '../src/server/env.ts';

/**
 * `npm run keys -- generate [id]`: prints a new random key (for FIELD_ENCRYPTION_KEYS as
 * "id:key", or LOOKUP_HMAC_KEY without an id). Nothing is stored.
 *
 * `npm run keys -- rotate`: after putting a new key first in FIELD_ENCRYPTION_KEYS (keeping the
 * old one after it), re-encrypts every value still under an old key with the new one; it also
 * re-encrypts values in the first format (bound to the key id only) so each is bound to its
 * table, column and row, which is why it is run once after upgrading, even with no new key. Safe
 * to stop and run again. Prints counts only. When it reports nothing left, remove the old key.
 * With PGlite, stop the server first (only one process can open the embedded database).
 */
const [command, id] = process.argv.slice(2);

if (command === 'generate') {
  process.stdout.write(`${generateKey(id)}\n`);
} else if (command === 'rotate') {
  const env = loadEnv();
  const keyring = await loadKeyring({
    encryptionKeys: env.FIELD_ENCRYPTION_KEYS,
    hmacKey: env.LOOKUP_HMAC_KEY,
    dataDir: env.DATA_DIR,
  });
  const store = await openStore({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    const report = await reEncryptAll(store.db, keyring);
    for (const [table, count] of Object.entries(report.reEncrypted)) {
      process.stdout.write(`${table.padEnd(24)} ${count} value(s) re-encrypted with key "${keyring.currentKeyId}"\n`);
    }
    process.stdout.write('Done: no value is under an old key any more. You can now remove the old key.\n');
  } finally {
    await store.close();
  }
} else {
  process.stderr.write('Usage: npm run keys -- generate [id] | rotate\n');
  process.exit(1);
}
