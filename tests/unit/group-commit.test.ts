import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/client.ts';
import { batchPerDatabase, groupCommit } from '../../src/server/db/group-commit.ts';
import { perDatabase } from '../../src/server/db/per-database.ts';

/** A writer that records each statement it was asked to run. */
function recorder(options: { failBatches?: boolean; badRow?: number } = {}) {
  const statements: number[][] = [];
  const slow = () => new Promise((done) => setTimeout(done, 5));
  return {
    statements,
    writeBatch: async (rows: number[]) => {
      statements.push(rows);
      await slow();
      if (options.failBatches || rows.includes(options.badRow ?? Number.NaN)) throw new Error('batch failed');
      return rows.map((row) => row * 10);
    },
    writeOne: async (row: number) => {
      statements.push([row]);
      await slow();
      if (row === options.badRow) throw new Error(`row ${row} failed`);
      return row * 10;
    },
  };
}

describe('group commit: rows waiting for the database share one statement', () => {
  it('writes a lone row at once, on its own', async () => {
    const db = recorder();
    const commit = groupCommit(db.writeBatch, db.writeOne, { maxBatch: 10, maxInFlight: 1 });
    expect(await commit(7)).toBe(70);
    expect(db.statements).toEqual([[7]]);
  });

  it('gathers rows that arrive while a write is in flight, and answers each with its own result', async () => {
    const db = recorder();
    const commit = groupCommit(db.writeBatch, db.writeOne, { maxBatch: 10, maxInFlight: 1 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((row) => commit(row)));
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(db.statements).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('never puts more than maxBatch rows in one statement', async () => {
    const db = recorder();
    const commit = groupCommit(db.writeBatch, db.writeOne, { maxBatch: 2, maxInFlight: 1 });
    await Promise.all([1, 2, 3, 4, 5].map((row) => commit(row)));
    expect(db.statements.every((statement) => statement.length <= 2)).toBe(true);
    expect(db.statements.flat().sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('when a batch fails, writes each row again alone, so one bad row fails only its own caller', async () => {
    const db = recorder({ badRow: 3 });
    const commit = groupCommit(db.writeBatch, db.writeOne, { maxBatch: 10, maxInFlight: 1 });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((row) => commit(row)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toEqual({ status: 'fulfilled', value: 20 });
  });

  it('passes a database failure to every caller: nothing is acknowledged that was not stored', async () => {
    const db = recorder({ failBatches: true, badRow: 2 });
    const commit = groupCommit(db.writeBatch, async (row: number) => {
      throw new Error(`database down for ${row}`);
    });
    const outcomes = await Promise.allSettled([1, 2, 3].map((row) => commit(row)));
    expect(outcomes.every((outcome) => outcome.status === 'rejected')).toBe(true);
  });
});

describe('shared statements per database', () => {
  // Stand-ins: the committer only keys on the database object's identity.
  const first = {} as Database;
  const second = {} as Database;

  it("keeps each database's rows apart, and writes a lone row through the batch writer with one row", async () => {
    const written: [Database, number[]][] = [];
    const commit = batchPerDatabase(async (db, rows: number[]) => {
      written.push([db, rows]);
      await new Promise((done) => setTimeout(done, 5));
      return rows.map((row) => row * 10);
    });
    const results = await Promise.all([commit(first, 1), commit(second, 2), commit(first, 3), commit(second, 4)]);
    expect(results).toEqual([10, 20, 30, 40]);
    // Two may be in flight per database, so each database's two rows go one by one, never mixed.
    expect(written).toEqual([
      [first, [1]],
      [second, [2]],
      [first, [3]],
      [second, [4]],
    ]);
  });

  it('fails a lone row whose write gave no answer for it, rather than answering undefined', async () => {
    const commit = batchPerDatabase(async (_db, _rows: number[]) => [] as number[]);
    await expect(commit(first, 1)).rejects.toThrow('A shared write gave no answer for its row');
  });

  it('makes one thing per database, on first use', () => {
    let made = 0;
    const statement = perDatabase((db) => ({ db, n: ++made }));
    expect(statement(first)).toBe(statement(first));
    expect(statement(second).n).toBe(2);
    expect(made).toBe(2);
  });
});
