import { lt } from 'drizzle-orm';
import type { SettingsData } from '../schemas/settings.ts';
import type { Keyring } from './crypto/field-crypto.ts';
import { rateLimits } from './db/abuse-schema.ts';
import type { Database } from './db/client.ts';
import { describeError, log } from './log.ts';
import { deleteExpiredDrafts } from './opt-out/drafts.ts';

/** Expired rate-limit counters are kept this long, then removed (they hold only HMACs and counts). */
const RATE_LIMIT_GRACE_MS = 60 * 60 * 1000;

export interface RetentionDeps {
  db: Database;
  keyring: Keyring;
  settings: SettingsData;
  now?: () => Date;
}

/**
 * Deletes what has outlived its purpose: unfinished opt-out drafts (personal data and evidence
 * files kept only while someone is filling in the form) and expired rate-limit counters.
 * Runs on a timer under `npm start` and as a scheduled function on Netlify.
 */
export async function runRetention(deps: RetentionDeps): Promise<{ drafts: number; rateLimits: number }> {
  const now = deps.now?.() ?? new Date();
  const drafts = await deleteExpiredDrafts({ ...deps, now: () => now });
  const expired = await deps.db
    .delete(rateLimits)
    .where(lt(rateLimits.expire, new Date(now.getTime() - RATE_LIMIT_GRACE_MS)))
    .returning({ key: rateLimits.key });
  return { drafts, rateLimits: expired.length };
}

/** Runs the retention job every `intervalMs` (and once at start); returns a stop function. */
export function startRetentionTimer(deps: RetentionDeps, intervalMs: number): () => void {
  const run = () =>
    runRetention(deps)
      .then((counts) => {
        if (counts.drafts + counts.rateLimits > 0) log.info('Retention: expired data deleted', counts);
      })
      .catch((error: unknown) => log.error('Retention job failed; will try again', { error: describeError(error) }));
  const timer = setInterval(run, intervalMs);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
