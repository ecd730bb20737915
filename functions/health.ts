import '../src/server/start-check.ts';
import { checkHealth, publicHealth } from '../src/server/health.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { describeError, log } from '../src/server/log.ts';
import { getServices, type Services } from '../src/server/services.ts';

/**
 * GET /api/health: is the database answering and can mail be sent? 200 when ok or degraded, 503
 * when down. The public sees only that word; staff see the detail on /staff/mail.
 */
async function health(): Promise<Response> {
  const services = await getServices().catch((error: unknown): Services | undefined => {
    log.error('Health check: services could not be opened', { error: describeError(error) });
    return undefined;
  });
  const report = await checkHealth(services);
  return Response.json(publicHealth(report), {
    status: report.status === 'down' ? 503 : 200,
    headers: { 'Cache-Control': 'no-store' },
  });
}

// Netlify applies no custom headers to function answers: each one carries its own.
export default secureFunction(health);

export const config: FunctionConfig = { path: '/api/health', method: 'GET' };
