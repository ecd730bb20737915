import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { addDays, type CalendarDate, todayInLondon } from '../../domain/calendar-date.ts';
import type { Keyring } from '../crypto/field-crypto.ts';
import type { Database } from '../db/client.ts';
import { updateSends } from '../db/update-sends-schema.ts';
import type { UpdateFeedEntry } from './feed.ts';
import { followsAnyOf, queueForSubscribers } from './recipients.ts';

/**
 * Only updates published in the last week are sent. The first run after go-live (or after the
 * sender was off) must not email residents every old story on the site at once.
 */
export const SEND_WINDOW_DAYS = 7;

export interface SenderDeps {
  db: Database;
  keyring: Keyring;
  now?: () => Date;
}

/** Which feed entries are due: published today or in the window, and this version not yet sent. */
export async function updatesDue(db: Database, feed: readonly UpdateFeedEntry[], today: CalendarDate) {
  const earliest = addDays(today, -SEND_WINDOW_DAYS);
  const inWindow = feed.filter((entry) => entry.date <= today && entry.date >= earliest);
  if (inWindow.length === 0) return [];
  const sent = await db
    .select({ slug: updateSends.slug, hash: updateSends.contentHash })
    .from(updateSends)
    .where(
      inArray(
        updateSends.slug,
        inWindow.map((entry) => entry.slug),
      ),
    );
  return inWindow.filter((entry) => {
    const versions = sent.filter((row) => row.slug === entry.slug);
    if (versions.some((row) => row.hash === entry.hash)) return false; // this version went already
    // An edited update (new hash) goes again only when the editor ticked "send again".
    return versions.length === 0 || entry.sendAgain;
  });
}

/**
 * Publishing sends (issue 18): every update due is recorded as sent and its emails queued, one
 * per "as it happens" subscriber on its topic, in ONE transaction. A crash before the commit
 * leaves neither (the next run sends it); after, the outbox delivers every email once its
 * claim rules allow. The record's unique (slug, hash) makes a second sender running at the same
 * moment wait, then find the version sent and queue nothing. "Newly shared" notices go the day
 * they are published, at the first run, which is before the sharing starts (the notice period).
 */
export async function sendPublishedUpdates(
  deps: SenderDeps,
  feed: readonly UpdateFeedEntry[],
): Promise<{ slug: string; emails: number }[]> {
  const now = deps.now?.() ?? new Date();
  const today = todayInLondon(now);
  const results: { slug: string; emails: number }[] = [];
  for (const entry of await updatesDue(deps.db, feed, today)) {
    const emails = await deps.db.transaction(async (tx) => {
      const [record] = await tx
        .insert(updateSends)
        .values({
          slug: entry.slug,
          contentHash: entry.hash,
          topic: entry.topic,
          title: entry.title,
          summary: entry.summary,
          sentOn: today,
          sentAt: now,
          recipients: 0,
        })
        .onConflictDoNothing()
        .returning({ id: updateSends.id });
      if (!record) return undefined; // another sender recorded this version first
      const queued = await queueForSubscribers(
        tx,
        deps.keyring,
        { frequency: 'immediate', where: followsAnyOf(entry.topic ? [entry.topic] : []) },
        (recipient) => ({
          dedupeKey: `update:${record.id}:${recipient.id}`,
          template: 'update-notice',
          params: {
            slug: entry.slug,
            title: entry.title,
            summary: entry.summary,
            manageToken: recipient.manageToken,
            lang: recipient.lang,
          },
        }),
      );
      await tx.update(updateSends).set({ recipients: queued }).where(eq(updateSends.id, record.id));
      return queued;
    });
    if (emails !== undefined) results.push({ slug: entry.slug, emails });
  }
  return results;
}

/** The updates sent between two London dates, oldest first: what a weekly digest lists. */
export function sentBetween(db: Database, from: CalendarDate, to: CalendarDate) {
  return db
    .select()
    .from(updateSends)
    .where(and(gte(updateSends.sentOn, from), lte(updateSends.sentOn, to)))
    .orderBy(updateSends.id);
}
