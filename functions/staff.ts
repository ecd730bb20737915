import type { FunctionConfig, FunctionContext } from '../src/server/http/function-module.ts';
import { getServices } from '../src/server/services.ts';
import { dispatchStaff } from '../src/server/staff/dispatch.ts';
import { staffClock } from '../src/server/staff/test-clock.ts';

/**
 * The staff back office: every page under /staff/ and every call under /api/staff/, through one
 * dispatcher that checks the session, role and CSRF token against the route table
 * (src/server/staff/route-table.ts). See docs/staff.md.
 */
export default async function staff(request: Request, context?: FunctionContext): Promise<Response> {
  const services = await getServices();
  const ip = context?.ip ?? request.headers.get('x-nf-client-connection-ip') ?? 'unknown';
  return dispatchStaff(request, { services, ip, now: staffClock(services.env, request) });
}

export const config: FunctionConfig = { path: ['/staff', '/staff/*', '/api/staff/*'], method: ['GET', 'POST', 'HEAD'] };
