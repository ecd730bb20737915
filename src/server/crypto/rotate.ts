import { getTableColumns, getTableName, isTable, type SQL, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client.ts';
import * as schema from '../db/index.ts';
import { decryptField, encryptField, type Keyring, needsReEncryption } from './field-crypto.ts';
import { rowIdentities } from './row-identities.ts';
import { slotOf } from './slots.ts';

/**
 * Re-encryption after a key rotation. Every column whose name ends in `_encrypted` — found in
 * the drizzle schema, so a column added later cannot be forgotten — is read in batches, and each
 * value not already under the current key is decrypted with its own key id and encrypted again
 * with the current one, in a transaction per batch. Values in the first format ("v1.", bound to
 * the key id only) are re-encrypted too, even under the current key, so they become bound to
 * their table, column and row. It can be stopped and run again: it only touches values still
 * under an old key or format. Values are never logged; only counts are returned.
 */
export interface EncryptedColumns {
  table: PgTable;
  name: string;
  key: PgColumn;
  /** The column whose value identifies a row in its values' additional data (row-identities.ts). */
  identity: PgColumn;
  columns: PgColumn[];
}

/** Every table with encrypted columns, with its primary key. */
export function encryptedColumns(): EncryptedColumns[] {
  const found: EncryptedColumns[] = [];
  for (const value of Object.values(schema)) {
    if (!isTable(value)) continue;
    const table = value as PgTable;
    const columns = Object.values(getTableColumns(table)).filter((column) => column.name.endsWith('_encrypted'));
    if (columns.length === 0) continue;
    const key =
      Object.values(getTableColumns(table)).find((column) => column.primary) ??
      getTableConfig(table).primaryKeys[0]?.columns[0];
    if (!key) throw new Error(`Table ${getTableName(table)} has encrypted columns but no primary key`);
    const identity = rowIdentities.get(getTableName(table));
    if (!identity)
      throw new Error(`Table ${getTableName(table)} has encrypted columns but no row identity in row-identities.ts`);
    found.push({ table, name: getTableName(table), key, identity, columns });
  }
  return found;
}

/** A LIKE pattern matching `text` literally (a key id may hold "_" or "%"). */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface RotationReport {
  /** Per table: values re-encrypted. */
  reEncrypted: Record<string, number>;
}

export async function reEncryptAll(db: Database, keyring: Keyring, options: { batchSize?: number } = {}) {
  const batchSize = options.batchSize ?? 200;
  const report: RotationReport = { reEncrypted: {} };
  const current = `v2.${literal(keyring.currentKeyId)}.%`;
  for (const { table, name, key, identity, columns } of encryptedColumns()) {
    report.reEncrypted[name] = 0;
    // Rows where any encrypted value is in the unbound format, or under another key.
    const stale: SQL = sql.join(
      columns.map(
        (column) => sql`(${column} like 'v1.%' or (${column} like 'v2.%' and ${column} not like ${current}))`,
      ),
      sql` or `,
    );
    for (;;) {
      const done = await db.transaction(async (tx) => {
        const rows = (await tx
          .select({ key, identity, ...Object.fromEntries(columns.map((column) => [column.name, column])) })
          .from(table)
          .where(stale)
          .limit(batchSize)
          .for('update', { skipLocked: true })) as Record<string, unknown>[];
        for (const row of rows) {
          const changes: Record<string, string> = {};
          for (const column of columns) {
            const value = row[column.name];
            if (needsReEncryption(value, keyring.currentKeyId)) {
              const slot = slotOf(column, String(row['identity']));
              changes[column.name] = encryptField(keyring, decryptField(keyring, value, slot), slot);
            }
          }
          const assignments = sql.join(
            Object.entries(changes).map(([column, value]) => sql`${sql.identifier(column)} = ${value}`),
            sql`, `,
          );
          await tx.execute(sql`update ${table} set ${assignments} where ${key} = ${row['key']}`);
          report.reEncrypted[name] = (report.reEncrypted[name] ?? 0) + Object.keys(changes).length;
        }
        return rows.length < batchSize;
      });
      if (done) break;
    }
  }
  return report;
}
