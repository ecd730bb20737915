import { and, desc, eq, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { optOutExportBatches, optOutRequests } from '../../db/opt-out-schema.ts';
import { recordAudit } from '../audit.ts';

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

/** The requests a batch carried whose details are still held (the file's rows). */
export const inBatch = (batchId: number) =>
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
