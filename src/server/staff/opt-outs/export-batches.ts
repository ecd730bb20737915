import { and, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decryptField, decryptJson, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { optOutExportBatches, optOutRequests } from '../../db/opt-out-schema.ts';
import { describeError, log } from '../../log.ts';
import { recordAudit } from '../audit.ts';
import { csvHeaderLine, csvRowLines, type ExportRow } from './export.ts';
import { addressSchema } from './requests.ts';

/**
 * Batches for GP systems, keyed on what has not been sent rather than on dates. A change (an
 * objection applied, or removed after a withdrawal) belongs to exactly one batch: a batch takes
 * every change not yet in one, so an export made at 06:02 and a request applied at 06:05 cannot
 * fall between two date ranges and be missed — which would leave a record shared against the
 * person's wishes. A person whose objection and its removal are both waiting gets one row, for
 * the removal: that is where their record now stands.
 */

// Functions, not constants: the retention job imports this module, and a constant built from the
// table at load time could meet the table before its module has finished loading.
const objectionWaiting = () => and(isNotNull(optOutRequests.appliedOn), isNull(optOutRequests.objectionBatchId));
const withdrawalWaiting = () =>
  and(isNotNull(optOutRequests.withdrawalAppliedOn), isNull(optOutRequests.withdrawalBatchId));
/** Requests with a change not yet sent. The retention job keeps these whole until they are sent. */
export const changeNotYetSent = (): SQL => sql`(${or(objectionWaiting(), withdrawalWaiting())})`;

const batchColumns = () => ({
  id: optOutExportBatches.id,
  createdAt: optOutExportBatches.createdAt,
  rowCount: optOutExportBatches.rowCount,
  practiceCode: optOutExportBatches.practiceCode,
});

export interface ExportBatch {
  id: number;
  createdAt: Date;
  rowCount: number;
  /** The GP practice it was cut for (ODS code); null for every practice. */
  practiceCode: string | null;
}

/** Changes waiting, only for one practice when one is given. */
const waitingFor = (practice: string | undefined) =>
  and(
    changeNotYetSent(),
    isNull(optOutRequests.personalDataDeletedAt),
    practice === undefined ? undefined : eq(optOutRequests.practiceCode, practice),
  );

/**
 * How many people have a change waiting, per GP practice (the code the record platform's match
 * file gave; null where no file has named one yet), most first, so a batch can be cut for each.
 */
export async function waitingByPractice(db: Database): Promise<{ practiceCode: string | null; count: number }[]> {
  const count = sql<number>`count(*)::int`;
  return db
    .select({ practiceCode: optOutRequests.practiceCode, count })
    .from(optOutRequests)
    .where(waitingFor(undefined))
    .groupBy(optOutRequests.practiceCode)
    .orderBy(desc(count), optOutRequests.practiceCode);
}

/** How many people have a change waiting for the next batch. */
export async function countNotYetSent(db: Database): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(optOutRequests)
    .where(waitingFor(undefined));
  return row?.count ?? 0;
}

/** The most recent batches, newest first, for downloading again. */
export function recentBatches(db: Database, limit = 20): Promise<ExportBatch[]> {
  return db.select(batchColumns()).from(optOutExportBatches).orderBy(desc(optOutExportBatches.id)).limit(limit);
}

/** Thrown inside the batch's transaction to undo it when another export took every waiting change first. */
class NothingLeftError extends Error {
  override name = 'NothingLeftError';
}

/**
 * Makes the next batch in ONE transaction with its audit entry: one UPDATE stamps every waiting
 * change with the batch and locks those rows (a second export at the same moment waits on them,
 * then finds them taken), so a request applied while this runs is either in it or waiting for
 * the next. The rows are not read here: the file streams them afterwards (batchCsv), so a batch
 * of 50,000 costs two statements, not a list of 50,000 ids sent back and forth. Returns undefined
 * when nothing is waiting (no empty batch is made). With `practice`, the batch takes only that
 * GP practice's waiting changes (one file per practice); the others keep waiting for their own
 * batch, or for one cut for every practice.
 */
export async function createBatch(
  db: Database,
  by: { actorId: number; now: Date; practice?: string | undefined },
): Promise<ExportBatch | undefined> {
  const waiting = waitingFor(by.practice);
  const [any] = await db.select({ id: optOutRequests.id }).from(optOutRequests).where(waiting).limit(1);
  if (!any) return undefined;
  try {
    return await db.transaction(async (tx) => {
      const [made] = await tx
        .insert(optOutExportBatches)
        .values({ createdAt: by.now, createdBy: by.actorId, rowCount: 0, practiceCode: by.practice ?? null })
        .returning({ id: optOutExportBatches.id });
      if (!made) throw new Error('The export batch was not created');
      // Each change is stamped only if it is the one waiting: a request whose objection went out
      // earlier keeps that batch, and one with both waiting gets both stamps (one row, the removal).
      const stamp = (column: PgColumn, waitingChange: SQL | undefined) =>
        sql`case when ${waitingChange} then ${made.id}::bigint else ${column} end`;
      const taken = await tx
        .update(optOutRequests)
        .set({
          objectionBatchId: stamp(optOutRequests.objectionBatchId, objectionWaiting()),
          withdrawalBatchId: stamp(optOutRequests.withdrawalBatchId, withdrawalWaiting()),
        })
        .where(waiting)
        .returning({ id: optOutRequests.id });
      if (taken.length === 0) throw new NothingLeftError();
      const [batch] = await tx
        .update(optOutExportBatches)
        .set({ rowCount: taken.length })
        .where(eq(optOutExportBatches.id, made.id))
        .returning(batchColumns());
      if (!batch) throw new Error('The export batch was not found after it was created');
      await recordAudit(
        tx,
        {
          actorId: by.actorId,
          action: 'opt-out.export',
          subjectType: 'export',
          subjectRef: String(batch.id),
          detail: { rows: taken.length, ...(by.practice ? { practice: by.practice } : {}) },
        },
        by.now,
      );
      return batch;
    });
  } catch (error) {
    if (error instanceof NothingLeftError) return undefined;
    throw error;
  }
}

/** One batch, as it was sent: the same rows every time it is downloaded. */
export async function findBatch(db: Database, id: number): Promise<ExportBatch | undefined> {
  const [batch] = await db.select(batchColumns()).from(optOutExportBatches).where(eq(optOutExportBatches.id, id));
  return batch;
}

const inBatch = (batchId: number) =>
  and(
    or(eq(optOutRequests.objectionBatchId, batchId), eq(optOutRequests.withdrawalBatchId, batchId)),
    // The retention job keeps no name for an old request; it was sent before the job could delete it.
    isNull(optOutRequests.personalDataDeletedAt),
  );

/** How many rows a batch's file has now (a download again leaves out people whose details were deleted). */
export async function countBatchRows(db: Database, batchId: number): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(optOutRequests).where(inBatch(batchId));
  return row?.count ?? 0;
}

/** What the file needs of a request: never its contacts, its applicant or its notes. */
const exportColumns = {
  reference: optOutRequests.reference,
  objectionBatchId: optOutRequests.objectionBatchId,
  withdrawalBatchId: optOutRequests.withdrawalBatchId,
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
  // By primary key only: right after the batch's UPDATE the statistics still say almost no row has
  // this batch id, and a batch condition here made PostgreSQL read the whole batch for each chunk.
  // The ids came from the batch, and a batch's ids never change; the check below is a second one.
  const found = await db
    .select(exportColumns)
    .from(optOutRequests)
    .where(and(inArray(optOutRequests.id, [...ids]), isNull(optOutRequests.personalDataDeletedAt)))
    .orderBy(optOutRequests.reference);
  return found
    .filter((source) => source.objectionBatchId === batchId || source.withdrawalBatchId === batchId)
    .flatMap((source) => exportRowOf(keyring, batchId, source));
}

function exportRowOf(keyring: Keyring, batchId: number, source: ExportSource): ExportRow[] {
  const change = source.withdrawalBatchId === batchId ? 'withdrawal' : 'objection';
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
