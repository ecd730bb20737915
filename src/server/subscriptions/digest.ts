import { eq } from 'drizzle-orm';
import { addDays, dayOfWeek, todayInLondon } from '../../domain/calendar-date.ts';
import { updateDigests } from '../db/update-sends-schema.ts';
import { followsAnyOf, queueForSubscribers } from './recipients.ts';
import { type SenderDeps, sentBetween } from './send.ts';
import { type DigestItem, digestItemsParam } from './update-emails.ts';

/**
 * The weekly digest (issue 18): from Monday, each "once a week" subscriber gets one email listing
 * the updates sent in the week before (Monday to Sunday, London time) on their topics; nobody
 * with nothing on their topics gets an empty email. The week is recorded in the same transaction
 * as the emails, so a second run, or two senders at once, never sends a week twice. A week the
 * sender did not run at all (down from Monday to the next Monday) is skipped, not sent late.
 */
export async function sendWeeklyDigest(deps: SenderDeps): Promise<{ week: string; emails: number } | undefined> {
  const today = todayInLondon(deps.now?.() ?? new Date());
  const thisMonday = addDays(today, 1 - dayOfWeek(today));
  const week = addDays(thisMonday, -7);
  const [done] = await deps.db.select().from(updateDigests).where(eq(updateDigests.weekStart, week));
  if (done) return undefined;
  const sends = await sentBetween(deps.db, week, addDays(thisMonday, -1));
  // The newest version of each update, if "send again" sent it twice in the week.
  const latest = new Map(sends.map((send) => [send.slug, send]));
  return deps.db.transaction(async (tx) => {
    const [record] = await tx
      .insert(updateDigests)
      .values({ weekStart: week, recipients: 0 })
      .onConflictDoNothing()
      .returning({ week: updateDigests.weekStart });
    if (!record) return undefined;
    if (latest.size === 0) return { week, emails: 0 };
    const topics = [...new Set([...latest.values()].flatMap((send) => (send.topic ? [send.topic] : [])))];
    const emails = await queueForSubscribers(
      tx,
      deps.keyring,
      { frequency: 'weekly', where: followsAnyOf(topics) },
      (recipient) => {
        const items: DigestItem[] = [...latest.values()]
          .filter((send) => recipient.topics.includes('all') || (send.topic && recipient.topics.includes(send.topic)))
          .map((send) => ({ slug: send.slug, title: send.title, summary: send.summary }));
        if (items.length === 0) return undefined;
        return {
          dedupeKey: `update-digest:${week}:${recipient.id}`,
          template: 'update-digest',
          params: { items: digestItemsParam(items), manageToken: recipient.manageToken, lang: recipient.lang },
        };
      },
    );
    await tx.update(updateDigests).set({ recipients: emails }).where(eq(updateDigests.weekStart, week));
    return { week, emails };
  });
}
