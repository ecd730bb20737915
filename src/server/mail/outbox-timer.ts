import { staffUrl } from '../env.ts';
import { describeError, log } from '../log.ts';
import { getServices, type Services } from '../services.ts';
import { dispatchDue, OUTBOX_BATCH } from './outbox.ts';

let kickListeners: (() => void)[] = [];

/** One dispatch of the email that is due, with the running services (timer, kick and scheduled function alike). */
export const dispatchDueWith = (services: Services) =>
  dispatchDue({
    db: services.store.db,
    keyring: services.keyring,
    mailer: services.mailer,
    siteUrl: services.siteUrl,
    staffUrl: staffUrl(services.env),
    schemeName: services.settings.schemeName,
  });

/** What one dispatch did. */
export type DispatchCounts = Awaited<ReturnType<typeof dispatchDue>>;

/**
 * How long the scheduled function goes on sending (functions/outbox-dispatch.ts), counted from
 * when it started. Netlify stops a scheduled function after 30 seconds
 * (https://docs.netlify.com/build/functions/configuration/): no new batch starts after this, and
 * the batch in flight has the rest. A batch cut off all the same is claimed again when its claim
 * runs out, as after a crash.
 */
export const SCHEDULED_SEND_MS = 20_000;

/**
 * Batches side by side in one scheduled run. Each claims its own rows (SKIP LOCKED) and they
 * share the mailer's pooled connections (nodemailer's default pool is 5), so the wait for the
 * mail server's reply, most of a send's time with a relay across the network, overlaps.
 */
export const SCHEDULED_SEND_LANES = 3;

/**
 * The one sending loop, shared by the scheduled run (drainOutbox) and the local server's timer
 * (startOutboxTimer): `lanes` loops side by side, each dispatching batch after batch for as long as
 * `goOn` says so of the batch it has just done. Each batch claims its own rows (SKIP LOCKED).
 */
async function batchAfterBatch(
  dispatch: () => Promise<DispatchCounts>,
  goOn: (done: DispatchCounts) => boolean,
  lanes: number,
): Promise<DispatchCounts & { batches: number }> {
  const totals = { sent: 0, failed: 0, dead: 0, batches: 0 };
  const lane = async () => {
    for (;;) {
      const done = await dispatch();
      totals.sent += done.sent;
      totals.failed += done.failed;
      totals.dead += done.dead;
      totals.batches += 1;
      if (!goOn(done)) return;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return totals;
}

/**
 * Sends batch after batch until no full batch is left, a batch is not sent in full (the queue is
 * empty, or the mail server refused or was away: its backoff then spaces the retries), or the
 * clock passes `untilMs` (a Date.now() value). `lanes` batches go at once. Before this, the
 * scheduled function sent one batch a minute: 25 emails, so an update to 50,000 subscribers took
 * 33 hours to leave on Netlify.
 */
export function drainOutbox(
  dispatch: () => Promise<DispatchCounts>,
  untilMs: number,
  lanes = 1,
): Promise<DispatchCounts & { batches: number }> {
  return batchAfterBatch(dispatch, (done) => done.sent >= OUTBOX_BATCH && Date.now() < untilMs, lanes);
}

/** Netlify's per-request context, which it exposes as a global inside a function (Functions v2). */
function platformWaitUntil(): ((promise: Promise<unknown>) => void) | undefined {
  const netlify = (globalThis as { Netlify?: { context?: { waitUntil?: (promise: Promise<unknown>) => void } | null } })
    .Netlify;
  const waitUntil = netlify?.context?.waitUntil;
  return typeof waitUntil === 'function' ? waitUntil.bind(netlify?.context) : undefined;
}

/**
 * Asks for queued email to go now, right after the request that queued it commits, instead of at
 * the next tick. The local server runs its dispatcher (startOutboxTimer). In a function on Netlify,
 * which has no long-lived timer, the same dispatch runs after the answer has been sent, inside the
 * invocation (Netlify's context.waitUntil); the scheduled function functions/outbox-dispatch.ts
 * still sends whatever that misses, every minute.
 */
export function kickOutbox(): void {
  if (kickListeners.length > 0) {
    for (const listener of kickListeners) listener();
    return;
  }
  const waitUntil = platformWaitUntil();
  if (!waitUntil) return;
  waitUntil(
    getServices()
      .then(dispatchDueWith)
      .catch((error: unknown) =>
        log.warn('Outbox dispatch after the answer failed; the scheduled dispatch will send it', {
          error: describeError(error),
        }),
      ),
  );
}

/**
 * Runs the dispatcher every `intervalMs` and whenever kicked. Returns a stop function that
 * resolves once the dispatch in flight (if any) has finished: the caller closes the database
 * after it, and a dispatch cut off by the close would log an error on every clean shutdown.
 */
export function startOutboxTimer(services: Services, intervalMs: number): () => Promise<void> {
  let stopped = false;
  let again = false;
  let inFlight: Promise<void> | undefined;
  const dispatch = async () => {
    try {
      // One lane, with no time limit: it goes on after a full batch (there may be more waiting) or
      // after a tick or kick that came during the batch (its email may have missed the claim), and
      // stops once the timer is stopped.
      await batchAfterBatch(
        () => {
          again = false;
          return dispatchDueWith(services);
        },
        (done) => (done.sent >= OUTBOX_BATCH || again) && !stopped,
        1,
      );
    } catch (error) {
      log.error('Outbox dispatch failed; will try again', { error: describeError(error) });
    } finally {
      inFlight = undefined;
    }
  };
  const run = () => {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = dispatch();
  };
  const timer = setInterval(run, intervalMs);
  // Kicks within a few milliseconds of each other become one batch: under load that is one claim
  // query for many emails instead of one per request, and the email still leaves at once.
  let pending: NodeJS.Timeout | undefined;
  const listener = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      run();
    }, 20);
  };
  kickListeners.push(listener);
  run();
  return async () => {
    stopped = true;
    clearInterval(timer);
    if (pending) clearTimeout(pending);
    kickListeners = kickListeners.filter((l) => l !== listener);
    await inFlight;
  };
}
