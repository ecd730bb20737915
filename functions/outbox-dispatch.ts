import '../src/server/start-check.ts';
import type { FunctionConfig, FunctionContext } from '../src/server/http/function-module.ts';
import { describeError, log } from '../src/server/log.ts';
import { dispatchDueWith } from '../src/server/mail/outbox-timer.ts';
import { getServices } from '../src/server/services.ts';
import { runUpdateSender } from '../src/server/subscriptions/scheduled.ts';

/**
 * Netlify scheduled function: queues newly published updates to subscribers, then sends queued
 * email, every minute. (The local server runs the same
 * dispatcher on a timer and right after each commit instead.)
 */
export default async function outboxDispatch(_request?: Request, context?: FunctionContext): Promise<Response> {
  const services = await getServices();
  // Email updates are queued first, so this run starts sending them. A failure there must not
  // stop other email going out; it is logged and the next minute tries again.
  const updates = await runUpdateSender(services, context?.now).catch((error: unknown) => {
    log.error('Email update sender failed; will try again', { error: describeError(error) });
    return 0;
  });
  return Response.json({ ...(await dispatchDueWith(services)), updates });
}

export const config: FunctionConfig = { schedule: '* * * * *' };
