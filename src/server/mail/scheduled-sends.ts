import { runResultsSender } from '../consultations/results-sender.ts';
import { describeError, log } from '../log.ts';
import type { Services } from '../services.ts';
import { runUpdateSender } from '../subscriptions/scheduled.ts';

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
 * The local server's timer for the scheduled sends. Returns a stop function that waits for the run in
 * flight, so the database is not closed under it. A failed run is logged and tried again.
 */
export function startScheduledSendsTimer(services: Services, intervalMs: number): () => Promise<void> {
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
