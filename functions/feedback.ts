import '../src/server/start-check.ts';
import { handleFeedback } from '../src/server/feedback/handle-feedback.ts';
import type { FunctionConfig, FunctionContext } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';

/**
 * POST /api/feedback: the single feedback point (contact form, "Was this page helpful?" and its
 * comment). Form posts are answered with HTML pages, JSON calls with JSON; see docs/api.md.
 */
async function feedback(request: Request, context?: FunctionContext): Promise<Response> {
  // On Netlify the client address comes from its header; locally the server passes it in.
  const ip = context?.ip ?? request.headers.get('x-nf-client-connection-ip') ?? 'unknown';
  return handleFeedback(request, ip);
}

// Netlify applies no custom headers to function answers: each one carries its own. A post from
// another site is refused before the handler runs (same-origin.tsx).
export default secureFunction(sameOriginOnly(feedback));

export const config: FunctionConfig = { path: '/api/feedback', method: 'POST' };
