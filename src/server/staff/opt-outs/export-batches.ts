import { and, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Keyring } from '../../crypto/field-crypto.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { optOutExportBatches, optOutRequests } from '../../db/opt-out-schema.ts';
import { recordAudit } from '../audit.ts';
import type { ExportRow } from './export.ts';
import { decryptPerson } from './requests.ts';

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

/**
 * Makes the next batch in ONE transaction with its audit entry: the waiting requests are locked
 * (a second export at the same moment waits, then finds them taken), stamped with the batch, and
 * returned as rows. A request applied while this runs is either in it or waiting for the next.
 * Returns undefined when nothing is waiting (no empty batch is made). With `practice`, the batch
 * takes only that GP practice's waiting changes (one file per practice); the others keep waiting
 * for their own batch, or for one cut for every practice.
 */
export async function createBatch(
  db: Database,
  keyring: Keyring,
  by: { actorId: number; now: Date; practice?: string | undefined },
): Promise<{ batch: ExportBatch; rows: ExportRow[] } | undefined> {
  return db.transaction(async (tx) => {
    const waiting = await tx
      .select({ id: optOutRequests.id })
      .from(optOutRequests)
      .where(waitingFor(by.practice))
      .for('update');
    if (waiting.length === 0) return undefined;
    const [batch] = await tx
      .insert(optOutExportBatches)
      .values({ createdAt: by.now, createdBy: by.actorId, rowCount: waiting.length, practiceCode: by.practice ?? null })
      .returning(batchColumns());
    if (!batch) throw new Error('The export batch was not created');
    const ids = inArray(
      optOutRequests.id,
      waiting.map((row) => row.id),
    );
    await tx.update(optOutRequests).set({ objectionBatchId: batch.id }).where(and(ids, objectionWaiting()));
    await tx.update(optOutRequests).set({ withdrawalBatchId: batch.id }).where(and(ids, withdrawalWaiting()));
    await recordAudit(
      tx,
      {
        actorId: by.actorId,
        action: 'opt-out.export',
        subjectType: 'export',
        subjectRef: String(batch.id),
        detail: { rows: waiting.length, ...(by.practice ? { practice: by.practice } : {}) },
      },
      by.now,
    );
    return { batch, rows: await batchRows(tx, keyring, batch.id) };
  });
}

/** One batch, as it was sent: the same rows every time it is downloaded. */
export async function findBatch(db: Database, id: number): Promise<ExportBatch | undefined> {
  const [batch] = await db.select(batchColumns()).from(optOutExportBatches).where(eq(optOutExportBatches.id, id));
  return batch;
}

/**
 * The rows of a batch, by reference. A request whose removal is in this batch gets the
 * withdrawal row; one whose objection only is in it gets the objection row, even if it was
 * withdrawn later (that removal is in a later batch).
 */
export async function batchRows(db: Database | Transaction, keyring: Keyring, batchId: number): Promise<ExportRow[]> {
  const rows = await db
    .select()
    .from(optOutRequests)
    .where(or(eq(optOutRequests.objectionBatchId, batchId), eq(optOutRequests.withdrawalBatchId, batchId)))
    .orderBy(optOutRequests.reference);
  return rows.flatMap((row): ExportRow[] => {
    const change = row.withdrawalBatchId === batchId ? 'withdrawal' : 'objection';
    const effectiveDate = change === 'withdrawal' ? row.withdrawalAppliedOn : row.appliedOn;
    // The retention job keeps no name for an old request; it was sent before the job could delete it.
    const person = decryptPerson(keyring, row);
    if (!person || !effectiveDate) return [];
    const address = person.nhsNumber ? null : person.address;
    return [
      {
        reference: row.reference,
        change,
        nhsNumber: person.nhsNumber ?? '',
        name: person.name,
        dateOfBirth: person.dateOfBirth,
        address: address ? [address.line1, address.line2, address.town].filter(Boolean).join(', ') : '',
        postcode: address?.postcode ?? '',
        effectiveDate,
      },
    ];
  });
}
