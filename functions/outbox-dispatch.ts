import '../src/server/start-check.ts';
import { staffUrl } from '../src/server/env.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { dispatchDue } from '../src/server/mail/outbox.ts';
import { getServices } from '../src/server/services.ts';

/**
 * Netlify scheduled function: sends queued email every minute. (The local server runs the same
 * dispatcher on a timer and right after each commit instead.)
 */
export default async function outboxDispatch(): Promise<Response> {
  const services = await getServices();
  const counts = await dispatchDue({
    db: services.store.db,
    keyring: services.keyring,
    mailer: services.mailer,
    siteUrl: services.siteUrl,
    staffUrl: staffUrl(services.env),
    schemeName: services.settings.schemeName,
  });
  return Response.json(counts);
}

export const config: FunctionConfig = { schedule: '* * * * *' };
