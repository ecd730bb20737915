import '../src/server/start-check.ts';
import type { FunctionConfig, FunctionContext } from '../src/server/http/function-module.ts';
import {
  dispatchDueWith,
  drainOutbox,
  SCHEDULED_SEND_LANES,
  SCHEDULED_SEND_MS,
} from '../src/server/mail/outbox-timer.ts';
import { runScheduledSends } from '../src/server/mail/scheduled-sends.ts';
import { getServices } from '../src/server/services.ts';

/**
 * Netlify scheduled function: queues newly published updates to subscribers and the results
 * emails of consultations that have closed, then sends queued email, every minute, batch after
 * batch for up to SCHEDULED_SEND_MS of its 30 seconds. (The local server runs the same dispatcher
 * on a timer and right after each commit instead.)
 */
export default async function outboxDispatch(_request?: Request, context?: FunctionContext): Promise<Response> {
  const started = Date.now();
  const services = await getServices();
  // Email updates and consultation results emails are queued first, so this run starts sending
  // them. A failure there does not stop other email going out; it is logged and tried next minute.
  const queued = await runScheduledSends(services, context?.now);
  const { sent, failed, dead } = await drainOutbox(
    () => dispatchDueWith(services),
    started + SCHEDULED_SEND_MS,
    SCHEDULED_SEND_LANES,
  );
  return Response.json({ sent, failed, dead, ...queued });
}

export const config: FunctionConfig = { schedule: '* * * * *' };
