import '../src/server/start-check.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { describeError, log } from '../src/server/log.ts';
import { runRetention } from '../src/server/retention.ts';
import { getServices } from '../src/server/services.ts';
import { alertOnForecastBreach } from '../src/server/staff/forecast-alert.ts';

/**
 * Netlify scheduled function: deletes expired drafts and counters, then emails IG officers (at
 * most once a day) if the opt-out backlog forecast misses the promise. The local server runs the
 * same two on a timer (startRetentionTimer).
 */
export default async function retention(): Promise<Response> {
  const services = await getServices();
  const deps = { db: services.store.db, keyring: services.keyring, settings: services.settings };
  const deleted = await runRetention(deps);
  // The answer stays the deletion counts; the alert's result is in the outbox. Its failure must
  // not hide a retention run that worked, so it goes to the log (the next run tries again).
  await alertOnForecastBreach(deps).catch((error: unknown) =>
    log.error('Backlog forecast alert failed; will try again', { error: describeError(error) }),
  );
  return Response.json(deleted);
}

export const config: FunctionConfig = { schedule: '*/15 * * * *' };
