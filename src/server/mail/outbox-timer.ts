import { staffUrl } from '../env.ts';
import { describeError, log } from '../log.ts';
import { getServices, type Services } from '../services.ts';
import { dispatchDue } from './outbox.ts';

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
      do {
        again = false;
        const { sent } = await dispatchDueWith(services);
        if (sent >= 25) again = true; // a full batch: there may be more waiting
      } while (again && !stopped);
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
