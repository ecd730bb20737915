import '../src/server/start-check.ts';
import { handleConsultationAnswer } from '../src/server/consultations/handle.ts';
import { handleConsultationResults, RESULTS_PATH } from '../src/server/consultations/results-page.tsx';
import { handleFeedback } from '../src/server/feedback/handle-feedback.ts';
import type { FunctionConfig, FunctionContext } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { handleSubscriptions } from '../src/server/subscriptions/handle.ts';

/**
 * The residents' submission function (issue 18 asks for one path before adding more):
 * POST /api/feedback, the single feedback point (contact form, "Was this page helpful?" and its
 * comment), /api/updates/*, email updates (sign up, confirm, manage, unsubscribe), and
 * /api/consultations/answer and /consultations/<slug>/results/ (and /pl/…, /ur/…), a
 * consultation's answers and, once it closes, its results (issue 18 part 2). Form posts
 * are answered with HTML pages, JSON calls with JSON; see docs/api.md.
 */
async function residentSubmission(request: Request, context?: FunctionContext): Promise<Response> {
  // On Netlify the client address comes from its header; locally the server passes it in.
  const ip = context?.ip ?? request.headers.get('x-nf-client-connection-ip') ?? 'unknown';
  const path = new URL(request.url).pathname;
  if (path.startsWith('/api/updates/')) return handleSubscriptions(request, ip, context?.now?.());
  if (RESULTS_PATH.test(path) && request.method === 'GET') return handleConsultationResults(request, context?.now?.());
  if (request.method !== 'POST') return new Response(null, { status: 405, headers: { Allow: 'POST' } });
  if (path === '/api/consultations/answer') return handleConsultationAnswer(request, ip, context?.now?.());
  return handleFeedback(request, ip);
}

// Netlify applies no custom headers to function answers: each one carries its own. A post from
// another site is refused before the handler runs (same-origin.tsx), except RFC 8058's one-click
// unsubscribe, which a mail provider posts.
export default secureFunction(sameOriginOnly(residentSubmission));
export const config: FunctionConfig = {
  path: [
    '/api/feedback',
    '/api/updates/subscribe',
    '/api/updates/confirm',
    '/api/updates/manage',
    '/api/updates/unsubscribe',
    '/api/consultations/answer',
    '/consultations/:slug/results/',
    // The results of a consultation translated into Polish or Urdu, in that language.
    '/pl/consultations/:slug/results/',
    '/ur/consultations/:slug/results/',
  ],
  method: ['GET', 'POST'],
};
