import { getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from '../db/client.ts';
import type { FieldSlot } from './field-crypto.ts';

/**
 * The slot of `column` in the row identified by `row`: the value of its table's identity column
 * (row-identities.ts says which column that is, and why it must exist before the insert).
 */
export function slotOf(column: PgColumn, row: string | number): FieldSlot {
  return { table: getTableName(column.table), column: column.name, row: String(row) };
}

/**
 * Reserves the next id of a table whose id is a bigserial, so a row's values can be encrypted
 * for it before the insert (which then names the id).
 */
export async function nextId(db: Database | Transaction, table: PgTable & { id: PgColumn }): Promise<number> {
  const [row] = await db
    .select({ id: sql`nextval(pg_get_serial_sequence(${getTableName(table)}, ${table.id.name}))`.mapWith(Number) })
    .from(sql`(select 1) as one`);
  if (row === undefined || !Number.isSafeInteger(row.id))
    throw new Error(`No id could be reserved in ${getTableName(table)}`);
  return row.id;
}
