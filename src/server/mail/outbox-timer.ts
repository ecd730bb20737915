import { describeError, log } from '../log.ts';
import type { Services } from '../services.ts';
import { dispatchDue } from './outbox.ts';

let kickListeners: (() => void)[] = [];

/**
 * Asks the local dispatcher to run now, so an email goes out right after the request that
 * queued it commits instead of waiting for the next tick. On Netlify there is no long-lived
 * timer; the scheduled function functions/outbox-dispatch.ts does the same work.
 */
export function kickOutbox(): void {
  for (const listener of kickListeners) listener();
}

/** Runs the dispatcher every `intervalMs` and whenever kicked; returns a stop function. */
export function startOutboxTimer(services: Services, intervalMs: number): () => void {
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const { sent } = await dispatchDue({
          db: services.store.db,
          keyring: services.keyring,
          mailer: services.mailer,
          siteUrl: services.siteUrl,
          schemeName: services.settings.schemeName,
        });
        if (sent >= 25) again = true; // a full batch: there may be more waiting
      } while (again);
    } catch (error) {
      log.error('Outbox dispatch failed; will try again', { error: describeError(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, intervalMs);
  // Kicks within a few milliseconds of each other become one batch: under load that is one claim
  // query for many emails instead of one per request, and the email still leaves at once.
  let pending: NodeJS.Timeout | undefined;
  const listener = () => {
    pending ??= setTimeout(() => {
      pending = undefined;
      void run();
    }, 20);
  };
  kickListeners.push(listener);
  void run();
  return () => {
    clearInterval(timer);
    if (pending) clearTimeout(pending);
    kickListeners = kickListeners.filter((l) => l !== listener);
  };
}
