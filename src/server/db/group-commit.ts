import { describeError, log } from '../log.ts';
import type { Database } from './client.ts';
import { perDatabase } from './per-database.ts';

/**
 * Group commit: rows that arrive while an earlier write is still in flight are written together,
 * in one statement, when it returns. A lone request is written at once, as before; under load,
 * many requests share one round trip and one commit, which is most of what a submission costs
 * the database. Every caller still waits for the commit of the statement holding its own row, so
 * nothing is acknowledged before it is stored.
 *
 * The same serves reads asked for at the same time (opt-out drafts, drafts.ts): one statement
 * answers them all, each caller with its own row.
 *
 * If a batch of several fails, each row is written again on its own, so one bad row (or a clash
 * of random references) cannot fail the others; if the database is down, each caller gets the error.
 */
export interface GroupCommitOptions {
  /** Most rows in one statement. */
  maxBatch: number;
  /** Statements in flight at once from this process (the pool has more connections than this). */
  maxInFlight: number;
}

export function groupCommit<Row, Result>(
  writeBatch: (rows: Row[]) => Promise<Result[]>,
  writeOne: (row: Row) => Promise<Result>,
  options: GroupCommitOptions = { maxBatch: 50, maxInFlight: 2 },
): (row: Row) => Promise<Result> {
  type Waiting = { row: Row; resolve: (result: Result) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let inFlight = 0;

  const flush = () => {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      inFlight += 1;
      void run(batch).finally(() => {
        inFlight -= 1;
        flush();
      });
    }
  };

  const run = async (batch: Waiting[]) => {
    if (batch.length === 1) {
      const [only] = batch;
      if (only) await writeOne(only.row).then(only.resolve, only.reject);
      return;
    }
    try {
      const results = await writeBatch(batch.map((waiting) => waiting.row));
      batch.forEach((waiting, index) => {
        waiting.resolve(results[index] as Result);
      });
    } catch (error) {
      log.warn('A shared write failed; writing its rows one by one', {
        rows: batch.length,
        error: describeError(error),
      });
      await Promise.all(batch.map((waiting) => writeOne(waiting.row).then(waiting.resolve, waiting.reject)));
    }
  };

  return (row: Row) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ row, resolve, reject });
      flush();
    });
}

/**
 * groupCommit for each database, for writes and reads alike: `runBatch` runs the statement for the
 * rows given on that database and answers each, in order. A row run on its own (alone, or again
 * after its shared statement failed) goes through the same `runBatch` with one row, unless
 * `runOne` is given.
 */
export function batchPerDatabase<Row, Result>(
  runBatch: (db: Database, rows: Row[]) => Promise<Result[]>,
  runOne?: (db: Database, row: Row) => Promise<Result>,
): (db: Database, row: Row) => Promise<Result> {
  const batcher = perDatabase((db) =>
    groupCommit(
      (rows: Row[]) => runBatch(db, rows),
      runOne
        ? (row: Row) => runOne(db, row)
        : async (row: Row) => {
            const [result] = await runBatch(db, [row]);
            if (result === undefined) throw new Error('A shared write gave no answer for its row');
            return result;
          },
    ),
  );
  return (db, row) => batcher(db)(row);
}
