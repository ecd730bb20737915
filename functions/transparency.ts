import '../src/server/start-check.ts';
import { loadEnv } from '../src/server/env.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { getServices } from '../src/server/services.ts';
import { transparencyResponse, transparencyUnavailable } from '../src/server/transparency/page.tsx';

/**
 * GET /transparency/: the public figures, worked out from the database on request (cached for a
 * few minutes) rather than rebuilt on a schedule, so they are never older than that and need no
 * build hook. /transparency without the slash is sent to the page's one address.
 */
async function transparency(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === '/transparency') return Response.redirect(new URL('/transparency/', url), 301);
  const services = await getServices().catch(() => undefined);
  if (!services) return transparencyUnavailable(loadEnv().STATIC_DIR);
  return transparencyResponse(services, new Date());
}

// Netlify applies no custom headers to function answers: each one carries its own.
export default secureFunction(transparency);

export const config: FunctionConfig = { path: ['/transparency/', '/transparency'], method: 'GET' };
