import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decryptField, decryptJson, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { optOutBatchRequests, optOutRequests } from '../../db/opt-out-schema.ts';
import { describeError, log } from '../../log.ts';
import { csvHeaderLine, csvRowLines, type ExportRow } from './export.ts';
import { addressSchema } from './requests.ts';

/**
 * A batch's CSV streamed from the database (issue 19: 50,000 rows within 10 s, memory flat):
 * which batch a change went in is decided in export-batches.ts; this reads it out a chunk at a time.
 */

/** What the file needs of a request: never its contacts, its applicant or its notes. */
const exportColumns = {
  id: optOutRequests.id,
  reference: optOutRequests.reference,
  appliedOn: optOutRequests.appliedOn,
  withdrawalAppliedOn: optOutRequests.withdrawalAppliedOn,
  patientNameEncrypted: optOutRequests.patientNameEncrypted,
  patientDateOfBirthEncrypted: optOutRequests.patientDateOfBirthEncrypted,
  patientNhsNumberEncrypted: optOutRequests.patientNhsNumberEncrypted,
  patientAddressEncrypted: optOutRequests.patientAddressEncrypted,
};
type ExportSource = Pick<typeof optOutRequests.$inferSelect, keyof typeof exportColumns>;

/** Rows a statement reads and the file sends at a time: memory stays flat however big the batch. */
export const EXPORT_CHUNK_ROWS = 1000;

/** One person in a batch, and the change the batch carried for them. */
export interface BatchEntry {
  id: number;
  change: ExportRow['change'];
}

/**
 * A batch's requests in the file's order (by reference) with the change each one's row gives,
 * read once, so each chunk is then a lookup by primary key alone. A request whose removal is in
 * this batch gets the withdrawal row (with or without its objection: where the record now
 * stands; max works because 'withdrawal' sorts after 'objection'); one whose objection only is in
 * it gets the objection row, even if it was withdrawn later (that removal is in a later batch).
 * A keyset on the reference ("the next 1,000 after X"), or a batch condition in each chunk, lets
 * PostgreSQL read the whole batch again for every chunk while its statistics still say the new
 * batch is almost empty. About 50 bytes a row here, against about 170 bytes of file a row.
 */
export async function batchOrder(db: Database | Transaction, batchId: number): Promise<BatchEntry[]> {
  return (
    db
      .select({ id: optOutRequests.id, change: sql<ExportRow['change']>`max(${optOutBatchRequests.change})` })
      .from(optOutBatchRequests)
      .innerJoin(optOutRequests, eq(optOutRequests.id, optOutBatchRequests.requestId))
      // The retention job keeps no name for an old request; it was sent before the job could delete it.
      .where(and(eq(optOutBatchRequests.batchId, batchId), isNull(optOutRequests.personalDataDeletedAt)))
      .groupBy(optOutRequests.id)
      .orderBy(optOutRequests.reference)
  );
}

/**
 * Some of a batch's rows, in the order given. Only the fields the file sends are decrypted, and
 * the address only when there is no NHS number.
 */
export async function batchRowsOf(
  db: Database | Transaction,
  keyring: Keyring,
  entries: readonly BatchEntry[],
): Promise<ExportRow[]> {
  if (entries.length === 0) return [];
  const changes = new Map(entries.map((entry) => [entry.id, entry.change]));
  const found = await db
    .select(exportColumns)
    .from(optOutRequests)
    .where(and(inArray(optOutRequests.id, [...changes.keys()]), isNull(optOutRequests.personalDataDeletedAt)))
    .orderBy(optOutRequests.reference);
  return found.flatMap((source) => {
    const change = changes.get(source.id);
    return change ? exportRowOf(keyring, change, source) : [];
  });
}

function exportRowOf(keyring: Keyring, change: ExportRow['change'], source: ExportSource): ExportRow[] {
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
 * them, so the server holds two chunks, not the file (50,000 rows are about 9 MB of text, more as
 * objects). The next chunk's statement is sent as soon as one is handed over, so the database
 * reads it while this process writes and sends the last (on 2 cores, each has one). Nothing is
 * held open between chunks: no transaction, no cursor.
 */
export function batchCsv(db: Database, keyring: Keyring, batchId: number, size = EXPORT_CHUNK_ROWS) {
  const encoder = new TextEncoder();
  let order: BatchEntry[] = [];
  let next = 0;
  let ahead: Promise<ExportRow[]> | undefined;
  const readAhead = () => {
    const entries = order.slice(next, next + size);
    next += size;
    ahead = entries.length === 0 ? undefined : batchRowsOf(db, keyring, entries);
    // Awaited by the next pull; a download stopped before then must not leave a rejection unhandled.
    ahead?.catch(() => {});
  };
  // The person may stop the download (or close the tab) while a chunk is being read.
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        order = await batchOrder(db, batchId);
        readAhead();
        controller.enqueue(encoder.encode(csvHeaderLine()));
      } catch (error) {
        stopped(controller, error);
      }
    },
    async pull(controller) {
      try {
        const reading = ahead;
        if (reading === undefined) return controller.close();
        const rows = await reading;
        readAhead();
        if (!cancelled) controller.enqueue(encoder.encode(csvRowLines(rows)));
      } catch (error) {
        if (!cancelled) stopped(controller, error);
      }
    },
    cancel() {
      cancelled = true;
    },
  });

  function stopped(controller: ReadableStreamDefaultController<Uint8Array>, error: unknown) {
    // The heading may have gone out with a 200: the download is cut short, so say why in the log.
    log.error('The GP export stopped part way', { batchId, error: describeError(error) });
    controller.error(error);
  }
}
