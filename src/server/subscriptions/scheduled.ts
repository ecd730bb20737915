import { sendConsultationResults } from '../consultations/results-sender.ts';
import { describeError, log } from '../log.ts';
import type { Services } from '../services.ts';
import { sendWeeklyDigest } from './digest.ts';
import { readUpdateFeed, UPDATE_FEED_PATH } from './feed.ts';
import { sendPublishedUpdates } from './send.ts';

/**
 * One run of the email-update sender: new updates to "as it happens" subscribers, then (from
 * Monday) last week's digest. Run by the scheduled outbox function each minute before it sends
 * (functions/outbox-dispatch.ts) and by the local server on a timer. Returns how many emails it
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

/**
 * The consultation results emails (src/server/consultations/results-sender.ts), run with the
 * update sender. Returns how many emails it queued.
 */
export async function runResultsSender(
  services: Pick<Services, 'store' | 'keyring' | 'env'>,
  now?: () => Date,
): Promise<number> {
  const sent = await sendConsultationResults({
    db: services.store.db,
    keyring: services.keyring,
    contentDir: services.env.CONTENT_DIR,
    ...(now ? { now } : {}),
  });
  const emails = sent.reduce((sum, consultation) => sum + consultation.emails, 0);
  if (sent.length > 0) {
    log.info('Consultation results emails queued', {
      consultations: sent.map((consultation) => `${consultation.slug}:${consultation.emails}`).join(','),
      emails,
    });
  }
  return emails;
}

/**
 * Everything the scheduled outbox work queues before it sends (functions/outbox-dispatch.ts, and
 * the local server's timer): email updates, then consultation results. Each is tried on its own,
 * so one failing stops neither the other nor the outbox; a failure is logged and the next run tries again.
 */
export async function runScheduledSends(
  services: Pick<Services, 'store' | 'keyring' | 'env'>,
  now?: () => Date,
): Promise<{ updates: number; results: number }> {
  const attempt = (what: string, run: () => Promise<number>) =>
    run().catch((error: unknown) => {
      log.error(`${what} failed; will try again`, { error: describeError(error) });
      return 0;
    });
  return {
    updates: await attempt('Email update sender', () => runUpdateSender(services, now)),
    results: await attempt('Consultation results sender', () => runResultsSender(services, now)),
  };
}

/**
 * The local server's timer for the sender. Returns a stop function that waits for the run in
 * flight, so the database is not closed under it. A failed run is logged and tried again.
 */
export function startUpdateSenderTimer(services: Services, intervalMs: number): () => Promise<void> {
  let inFlight: Promise<void> | undefined;
  const run = () => {
    inFlight ??= runScheduledSends(services)
      .then(() => undefined)
      .finally(() => {
        inFlight = undefined;
      });
  };
  const timer = setInterval(run, intervalMs);
  run();
  return async () => {
    clearInterval(timer);
    await inFlight;
  };
}
