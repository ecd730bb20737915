import { and, desc, eq, sql } from 'drizzle-orm';
import { t } from '../../../i18n/t.ts';
import type { Database } from '../../db/client.ts';
import { type OptOutMatchUpload, optOutMatchRows, optOutMatchUploads } from '../../db/match-schema.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { MATCH_FIELDS, type MatchField } from './match-file.ts';

/**
 * The exceptions list: requests the record platform did not match on all four, that still wait
 * for their identity check. A request leaves the list when it moves on (an officer checks its
 * identity by hand, rejects it, or the person withdraws), and a later file's answer replaces an
 * earlier one, so nothing needs clearing by hand. Nothing is decrypted: the reference, what did
 * not match and the practice code are all plain.
 */

export interface MatchException {
  reference: string;
  /** "date of birth and postcode did not match". */
  reason: string;
  practiceCode: string | null;
  uploadId: number;
  uploadedAt: Date;
}

/** At most this many on the page; the count says how many there are in all. */
export const EXCEPTIONS_PAGE = 500;

/** The mismatches in plain words, in a fixed order, e.g. "NHS number and name did not match". */
export function mismatchReason(mismatches: readonly string[]): string {
  const words = MATCH_FIELDS.filter((field) => mismatches.includes(field)).map((field: MatchField) =>
    t(`staffMatch.field.${field}`),
  );
  const fields = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '');
  const reason = t('staffMatch.reason', { fields });
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

// The newest answer per request is the one that counts (a later file may match it clearly).
const latest = sql`not exists (select 1 from ${optOutMatchRows} newer
  where newer.request_id = ${optOutMatchRows.requestId} and newer.id > ${optOutMatchRows.id})`;
const open = and(eq(optOutMatchRows.outcome, 'exception'), eq(optOutRequests.status, 'contact-confirmed'), latest);

export async function listMatchExceptions(db: Database): Promise<{ total: number; items: MatchException[] }> {
  const [rows, [count]] = await Promise.all([
    db
      .select({
        reference: optOutRequests.reference,
        mismatches: optOutMatchRows.mismatches,
        practiceCode: optOutMatchRows.practiceCode,
        uploadId: optOutMatchUploads.id,
        uploadedAt: optOutMatchUploads.uploadedAt,
      })
      .from(optOutMatchRows)
      .innerJoin(optOutRequests, eq(optOutRequests.id, optOutMatchRows.requestId))
      .innerJoin(optOutMatchUploads, eq(optOutMatchUploads.id, optOutMatchRows.uploadId))
      .where(open)
      .orderBy(optOutMatchRows.id)
      .limit(EXCEPTIONS_PAGE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(optOutMatchRows)
      .innerJoin(optOutRequests, eq(optOutRequests.id, optOutMatchRows.requestId))
      .where(open),
  ]);
  return {
    total: count?.total ?? 0,
    items: rows.map(({ mismatches, ...row }) => ({ ...row, reason: mismatchReason(mismatches) })),
  };
}

export function recentUploads(db: Database): Promise<OptOutMatchUpload[]> {
  return db.select().from(optOutMatchUploads).orderBy(desc(optOutMatchUploads.id)).limit(20);
}
