import '../src/server/start-check.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { dispatchDueWith } from '../src/server/mail/outbox-timer.ts';
import { getServices } from '../src/server/services.ts';

/**
 * Netlify scheduled function: sends queued email every minute. (The local server runs the same
 * dispatcher on a timer and right after each commit instead.)
 */
export default async function outboxDispatch(): Promise<Response> {
  return Response.json(await dispatchDueWith(await getServices()));
}

export const config: FunctionConfig = { schedule: '* * * * *' };
