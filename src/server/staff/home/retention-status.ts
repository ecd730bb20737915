import { sql } from 'drizzle-orm';
import type { SettingsData } from '../../../schemas/settings.ts';
import type { Database } from '../../db/client.ts';
import {
  noRetentionCounts,
  RETENTION_INTERVAL_MINUTES,
  RETENTION_KINDS,
  type RetentionCounts,
  retentionScope,
} from '../../retention.ts';
import { lastRetentionRun, type RetentionRun } from '../../retention-runs.ts';

/** The retention job as IG officers see it on the staff home page: counts only, nothing decrypted. */
export interface RetentionStatus {
  /** The most recent run, or undefined when the job has never run against this database. */
  last: RetentionRun | undefined;
  /** When the next run is due: one interval after the last run started, or now when that has passed. */
  nextAt: Date;
  /** True when the next run is already due (never run, or its time has passed): the forecast is for now. */
  dueNow: boolean;
  /** True when no run has started for more than two intervals: the job has stopped or keeps crashing before it records. */
  late: boolean;
  /** What a run at `nextAt` would delete as things stand now, per kind. */
  forecast: RetentionCounts;
}

const INTERVAL_MS = RETENTION_INTERVAL_MINUTES * 60 * 1000;

/**
 * Counts, with the job's own selection (retentionScope), what its next run will delete, and
 * reads its last recorded run. A run at the forecast time deletes exactly these counts unless
 * something changes in between (an item closed, an email sent).
 */
export async function retentionStatus(db: Database, settings: SettingsData, now: Date): Promise<RetentionStatus> {
  const last = await lastRetentionRun(db);
  const due = last ? new Date(last.startedAt.getTime() + INTERVAL_MS) : now;
  const nextAt = due > now ? due : now;
  const late = last !== undefined && now.getTime() - last.startedAt.getTime() > 2 * INTERVAL_MS;
  const scope = retentionScope(nextAt, settings.retention);
  const forecast = noRetentionCounts();
  for (const kind of RETENTION_KINDS) {
    const [row] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(scope[kind].table)
      .where(scope[kind].where);
    forecast[kind] = row?.count ?? 0;
  }
  return { last, nextAt, dueNow: due <= now, late, forecast };
}
