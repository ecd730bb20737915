import { log } from '../log.ts';
import type { Services } from '../services.ts';
import { sendWeeklyDigest } from './digest.ts';
import { readUpdateFeed, UPDATE_FEED_PATH } from './feed.ts';
import { sendPublishedUpdates } from './send.ts';

/**
 * One run of the email-update sender: new updates to "as it happens" subscribers, then (from
 * Monday) last week's digest. Run with the other scheduled sends (src/server/mail/scheduled-sends.ts)
 * by the scheduled outbox function each minute before it sends, and by the local server on a timer. Returns how many emails it
 * queued; the outbox sends them.
 */
export async function runUpdateSender(
  services: Pick<Services, 'store' | 'keyring' | 'env'>,
  now?: () => Date,
): Promise<number> {
  const feed = await readUpdateFeed(services.env.STATIC_DIR);
  if (!feed) {
    // Visible, not silent: without the built feed no update is ever emailed.
    log.warn('The built site has no updates feed, so no update emails were sent', { file: UPDATE_FEED_PATH });
    return 0;
  }
  // `now` is the real time except in an end-to-end test that moves the clock (src/server/http/app.ts).
  const deps = { db: services.store.db, keyring: services.keyring, ...(now ? { now } : {}) };
  const sent = await sendPublishedUpdates(deps, feed);
  const digest = await sendWeeklyDigest(deps);
  const emails = sent.reduce((sum, update) => sum + update.emails, 0) + (digest?.emails ?? 0);
  if (sent.length > 0 || digest) {
    log.info('Email updates queued', {
      updates: sent.map((update) => `${update.slug}:${update.emails}`).join(','),
      digestWeek: digest?.week ?? '',
      emails,
    });
  }
  return emails;
}
