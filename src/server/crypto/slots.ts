import { getTableName, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database, Transaction } from '../db/client.ts';
import { feedbackItems, pageFeedback } from '../db/feedback-schema.ts';
import { optOutDrafts, optOutEvidence, optOutRequests } from '../db/opt-out-schema.ts';
import { outboxMessages } from '../db/schema.ts';
import { feedbackNotes, optOutEvents, staffUsers } from '../db/staff-schema.ts';
import type { FieldSlot } from './field-crypto.ts';

/**
 * Which column identifies a row in the additional data of its encrypted values. It must be known
 * before the row is inserted (values are encrypted before the statement, and the opt-out group
 * commit sends many rows in one) and never change afterwards:
 * - a reference or key the code makes first: an opt-out's reference (drawn before it is
 *   encrypted), a feedback item's idempotency key (its reference is drawn in the retry loop,
 *   after the row is encrypted), an email's dedupe key, a draft's id (the hash of its token);
 * - otherwise the id, reserved from the table's sequence first (nextId) where the value is
 *   written with the row, or already there where it is written later (a page comment).
 * The key rotation (rotate.ts) reads this table, and refuses a table with encrypted columns
 * that is missing from it.
 */
export const rowIdentities: ReadonlyMap<string, PgColumn> = new Map<string, PgColumn>([
  [getTableName(optOutRequests), optOutRequests.reference],
  [getTableName(optOutDrafts), optOutDrafts.id],
  [getTableName(optOutEvidence), optOutEvidence.id],
  [getTableName(optOutEvents), optOutEvents.id],
  [getTableName(feedbackItems), feedbackItems.idempotencyKey],
  [getTableName(feedbackNotes), feedbackNotes.id],
  [getTableName(pageFeedback), pageFeedback.id],
  [getTableName(outboxMessages), outboxMessages.dedupeKey],
  [getTableName(staffUsers), staffUsers.id],
]);

/** The slot of `column` in the row identified by `row` (the value of its rowIdentities column). */
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
