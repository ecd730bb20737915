import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database, Transaction } from '../../db/client.ts';
import { optOutBatchRequests, optOutExportBatches, optOutRequests } from '../../db/opt-out-schema.ts';
import { recordAudit } from '../audit.ts';

/**
 * Batches for GP systems, keyed on what has not been sent rather than on dates. A change (an
 * objection applied, or removed after a withdrawal) belongs to exactly one batch: a batch takes
 * every change not yet in one, so an export made at 06:02 and a request applied at 06:05 cannot
 * fall between two date ranges and be missed — which would leave a record shared against the
 * person's wishes. A person whose objection and its removal are both waiting gets one row, for
 * the removal: that is where their record now stands. Which batch carried which change is a
 * narrow table of its own (opt_out_batch_requests), so making a batch writes small rows, not a
 * new version of every wide request it takes.
 */

type Change = (typeof optOutBatchRequests.$inferInsert)['change'];

/** The request already went out with this change in some batch. */
const sentAs = (change: Change) =>
  sql`exists (select 1 from ${optOutBatchRequests} where ${optOutBatchRequests.requestId} = ${optOutRequests.id} and ${optOutBatchRequests.change} = ${change})`;

// Functions, not constants: the retention job imports this module, and a constant built from the
// table at load time could meet the table before its module has finished loading.
const objectionWaiting = () => sql`(${optOutRequests.appliedOn} is not null and not ${sentAs('objection')})`;
const withdrawalWaiting = () =>
  sql`(${optOutRequests.withdrawalAppliedOn} is not null and not ${sentAs('withdrawal')})`;
/** Requests with a change not yet sent. The retention job keeps these whole until they are sent. */
export const changeNotYetSent = (): SQL => sql`(${objectionWaiting()} or ${withdrawalWaiting()})`;

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

/** Changes waiting (any, or the one given), only for one practice when one is given. */
const waitingFor = (practice: string | undefined, change: SQL = changeNotYetSent()) =>
  and(
    change,
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
 * Makes the next batch in ONE transaction with its audit entry: one INSERT ... SELECT writes a
 * narrow row for every waiting change. The key on (request, change) keeps each change in one
 * batch: a second export at the same moment does not see the first's rows yet, so it tries to
 * insert the same keys, waits on the first's uncommitted rows, and once the first commits skips
 * them (ON CONFLICT DO NOTHING); if the first is undone, the second takes them. A request applied
 * while this runs is either in it or waiting for the next. The rows are not read here: the file
 * streams them afterwards (batchCsv). Returns undefined when nothing is waiting (no empty batch
 * is made). With `practice`, the batch takes only that GP practice's waiting changes (one file
 * per practice); the others keep waiting for their own batch, or for one cut for every practice.
 */
export async function createBatch(
  db: Database,
  by: { actorId: number; now: Date; practice?: string | undefined },
): Promise<ExportBatch | undefined> {
  const [any] = await db.select({ id: optOutRequests.id }).from(optOutRequests).where(waitingFor(by.practice)).limit(1);
  if (!any) return undefined;
  try {
    return await db.transaction(async (tx) => {
      const [made] = await tx
        .insert(optOutExportBatches)
        .values({ createdAt: by.now, createdBy: by.actorId, rowCount: 0, practiceCode: by.practice ?? null })
        .returning({ id: optOutExportBatches.id });
      if (!made) throw new Error('The export batch was not created');
      const people = await takeWaiting(tx, made.id, by.practice);
      if (people === 0) throw new NothingLeftError();
      const [batch] = await tx
        .update(optOutExportBatches)
        .set({ rowCount: people })
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
          detail: { rows: people, ...(by.practice ? { practice: by.practice } : {}) },
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

/**
 * Puts every waiting change into the batch; returns how many people that is (a person whose
 * objection and removal both wait is one row of the file). In request order, so two exports at
 * once take their keys in the same order: each can only wait on keys the other already holds,
 * never the other way round as well, which would be a deadlock.
 */
export async function takeWaiting(tx: Transaction, batchId: number, practice: string | undefined): Promise<number> {
  const waiting = (change: Change, condition: SQL) =>
    sql`select ${optOutRequests.id} as request_id, ${change}::text as change from ${optOutRequests}
        where ${waitingFor(practice, condition)}`;
  const result = await tx.execute(sql`
    with taken as (
      insert into ${optOutBatchRequests} (request_id, batch_id, change)
      select w.request_id, ${batchId}::bigint, w.change
      from (${waiting('objection', objectionWaiting())} union all ${waiting('withdrawal', withdrawalWaiting())}) w
      order by w.request_id, w.change
      on conflict do nothing
      returning request_id
    )
    select count(distinct request_id)::int as people from taken`);
  const rows = Array.isArray(result) ? result : (result as { rows: { people: unknown }[] }).rows;
  return Number(rows[0]?.people ?? 0);
}

/** One batch, as it was sent: the same rows every time it is downloaded. */
export async function findBatch(db: Database, id: number): Promise<ExportBatch | undefined> {
  const [batch] = await db.select(batchColumns()).from(optOutExportBatches).where(eq(optOutExportBatches.id, id));
  return batch;
}

/** The requests a batch carried whose details are still held (the file's rows). */
export const inBatch = (batchId: number) =>
  and(
    sql`exists (select 1 from ${optOutBatchRequests} where ${optOutBatchRequests.requestId} = ${optOutRequests.id} and ${optOutBatchRequests.batchId} = ${batchId})`,
    // The retention job keeps no name for an old request; it was sent before the job could delete it.
    isNull(optOutRequests.personalDataDeletedAt),
  );

/** How many rows a batch's file has now (a download again leaves out people whose details were deleted). */
export async function countBatchRows(db: Database, batchId: number): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(optOutRequests).where(inBatch(batchId));
  return row?.count ?? 0;
}
