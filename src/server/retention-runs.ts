import { desc } from 'drizzle-orm';
import type { Database } from './db/client.ts';
import { type RetentionRun, retentionRuns } from './db/retention-schema.ts';

export type { RetentionRun };

/** Records one run of the retention job: when, whether it finished, and its counts per kind. */
export async function recordRetentionRun(db: Database, run: Omit<RetentionRun, 'id'>): Promise<void> {
  await db.insert(retentionRuns).values(run);
}

/** The most recent run, or undefined when the job has never run against this database. */
export async function lastRetentionRun(db: Database): Promise<RetentionRun | undefined> {
  const [run] = await db.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt)).limit(1);
  return run;
}
