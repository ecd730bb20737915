import '../src/server/start-check.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { runRetention } from '../src/server/retention.ts';
import { getServices } from '../src/server/services.ts';

/** Netlify scheduled function: deletes expired drafts and counters (the local server uses a timer). */
export default async function retention(): Promise<Response> {
  const services = await getServices();
  return Response.json(
    await runRetention({ db: services.store.db, keyring: services.keyring, settings: services.settings }),
  );
}

export const config: FunctionConfig = { schedule: '*/15 * * * *' };
