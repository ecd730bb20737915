import '../src/server/start-check.ts';
import type { FunctionConfig, FunctionContext } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { notFoundPage } from '../src/server/http/service-pages.tsx';
import { servedOnThisOrigin } from '../src/server/http/staff-origin.ts';
import { getServices } from '../src/server/services.ts';
import { dispatchStaff } from '../src/server/staff/dispatch.ts';

/**
 * The staff back office: every page under /staff/ and every call under /api/staff/, through one
 * dispatcher that checks the session, role and CSRF token against the route table
 * (src/server/staff/route-table.ts). See docs/staff.md.
 */
async function staff(request: Request, context?: FunctionContext): Promise<Response> {
  const services = await getServices();
  // With STAFF_ORIGIN set, the back office does not exist on the public origin (staff-origin.ts).
  if (!servedOnThisOrigin(request, services.env.STAFF_ORIGIN)) return notFoundPage(services.env.STATIC_DIR);
  const ip = context?.ip ?? request.headers.get('x-nf-client-connection-ip') ?? 'unknown';
  return dispatchStaff(request, { services, ip, now: context?.now ?? (() => new Date()) });
}

// Netlify applies no custom headers to function answers: each one carries its own. A post from
// another site is refused before the handler runs (same-origin.tsx).
export default secureFunction(sameOriginOnly(staff));

export const config: FunctionConfig = { path: ['/staff', '/staff/*', '/api/staff/*'], method: ['GET', 'POST', 'HEAD'] };
