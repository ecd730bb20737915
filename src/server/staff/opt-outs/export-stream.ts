import { and, inArray, isNull, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decryptField, decryptJson, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { optOutBatchRequests, optOutRequests } from '../../db/opt-out-schema.ts';
import { describeError, log } from '../../log.ts';
import { csvHeaderLine, csvRowLines, type ExportRow } from './export.ts';
import { inBatch } from './export-batches.ts';
import { addressSchema } from './requests.ts';

/**
 * A batch's CSV streamed from the database (issue 19: 50,000 rows within 10 s, memory flat):
 * which batch a change went in is decided in export-batches.ts; this reads it out a chunk at a time.
 */

/**
 * The change of a request this batch carried: 'withdrawal' when its removal is in the batch (with
 * or without its objection: the row says where the record now stands), else 'objection', null when
 * neither (max works because 'withdrawal' sorts after 'objection'). A primary-key lookup per request.
 */
const changeInBatch = (batchId: number) =>
  sql<ExportRow['change'] | null>`(select max(${optOutBatchRequests.change}) from ${optOutBatchRequests}
    where ${optOutBatchRequests.requestId} = ${optOutRequests.id} and ${optOutBatchRequests.batchId} = ${batchId})`;

/** What the file needs of a request: never its contacts, its applicant or its notes. */
const exportColumns = {
  reference: optOutRequests.reference,
  appliedOn: optOutRequests.appliedOn,
  withdrawalAppliedOn: optOutRequests.withdrawalAppliedOn,
  patientNameEncrypted: optOutRequests.patientNameEncrypted,
  patientDateOfBirthEncrypted: optOutRequests.patientDateOfBirthEncrypted,
  patientNhsNumberEncrypted: optOutRequests.patientNhsNumberEncrypted,
  patientAddressEncrypted: optOutRequests.patientAddressEncrypted,
};
type ExportSource = Pick<typeof optOutRequests.$inferSelect, keyof typeof exportColumns> & {
  change: ExportRow['change'] | null;
};

/** Rows a statement reads and the file sends at a time: memory stays flat however big the batch. */
export const EXPORT_CHUNK_ROWS = 1000;

/**
 * The ids of a batch's requests in the file's order (by reference), read once, so each chunk is
 * then a lookup by primary key. A keyset on the reference ("the next 1,000 after X") is one
 * statement per chunk too, but PostgreSQL may answer each one by reading the whole batch through
 * the batch-id indexes and sorting it again: 50 chunks of a 50,000-row batch read 2.5 million rows.
 * The ids are 8 bytes a row (400 KB for 50,000), against about 170 bytes of file a row.
 */
export async function batchOrder(db: Database | Transaction, batchId: number): Promise<number[]> {
  const rows = await db
    .select({ id: optOutRequests.id })
    .from(optOutRequests)
    .where(inBatch(batchId))
    .orderBy(optOutRequests.reference);
  return rows.map((row) => row.id);
}

/**
 * Some of a batch's rows, by reference. A request whose removal is in this batch gets the
 * withdrawal row; one whose objection only is in it gets the objection row, even if it was
 * withdrawn later (that removal is in a later batch). Only the fields the file sends are
 * decrypted, and the address only when there is no NHS number.
 */
export async function batchRowsOf(
  db: Database | Transaction,
  keyring: Keyring,
  batchId: number,
  ids: readonly number[],
): Promise<ExportRow[]> {
  if (ids.length === 0) return [];
  // By primary key only, then each request's change by its key in the batch table: right after a
  // batch is made the statistics still say almost nothing is in it, and a batch condition here
  // could make PostgreSQL read the whole batch for each chunk. The ids came from the batch, and a
  // batch's ids never change; a request with no change in it (null) is left out, a second check.
  const found = await db
    .select({ ...exportColumns, change: changeInBatch(batchId) })
    .from(optOutRequests)
    .where(and(inArray(optOutRequests.id, [...ids]), isNull(optOutRequests.personalDataDeletedAt)))
    .orderBy(optOutRequests.reference);
  return found.flatMap((source) => exportRowOf(keyring, source));
}

function exportRowOf(keyring: Keyring, source: ExportSource): ExportRow[] {
  const { change } = source;
  if (change === null) return [];
  const effectiveDate = change === 'withdrawal' ? source.withdrawalAppliedOn : source.appliedOn;
  if (!effectiveDate) return [];
  const slot = (column: PgColumn) => slotOf(column, source.reference);
  const nhsNumber = source.patientNhsNumberEncrypted
    ? decryptField(keyring, source.patientNhsNumberEncrypted, slot(optOutRequests.patientNhsNumberEncrypted))
    : '';
  // Practices match on the NHS number; the address is sent (and so decrypted) only without one.
  const address = nhsNumber
    ? null
    : addressSchema.parse(
        decryptJson(keyring, source.patientAddressEncrypted, slot(optOutRequests.patientAddressEncrypted)),
      );
  return [
    {
      reference: source.reference,
      change,
      nhsNumber,
      name: decryptField(keyring, source.patientNameEncrypted, slot(optOutRequests.patientNameEncrypted)),
      dateOfBirth: decryptField(
        keyring,
        source.patientDateOfBirthEncrypted,
        slot(optOutRequests.patientDateOfBirthEncrypted),
      ),
      address: address ? [address.line1, address.line2, address.town].filter(Boolean).join(', ') : '',
      postcode: address?.postcode ?? '',
      effectiveDate,
    },
  ];
}

/**
 * A batch's file as a stream: the heading, then the rows a chunk at a time as the reader takes
 * them, so the server holds one chunk, not the file (50,000 rows are about 9 MB of text, more as
 * objects). Nothing is held open between chunks: no transaction, no cursor.
 */
export function batchCsv(db: Database, keyring: Keyring, batchId: number, size = EXPORT_CHUNK_ROWS) {
  const encoder = new TextEncoder();
  let order: number[] | undefined;
  let next = 0;
  // The person may stop the download (or close the tab) while a chunk is being read.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (order === undefined) {
          order = await batchOrder(db, batchId);
          if (!cancelled) controller.enqueue(encoder.encode(csvHeaderLine()));
          return;
        }
        const ids = order.slice(next, next + size);
        next += size;
        const rows = await batchRowsOf(db, keyring, batchId, ids);
        if (cancelled) return;
        if (ids.length === 0) controller.close();
        else controller.enqueue(encoder.encode(csvRowLines(rows)));
      } catch (error) {
        if (cancelled) return;
        // The heading may have gone out with a 200: the download is cut short, so say why in the log.
        log.error('The GP export stopped part way', { batchId, error: describeError(error) });
        controller.error(error);
      }
    },
    cancel() {
      cancelled = true;
    },
  });
}
