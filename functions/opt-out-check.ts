import '../src/server/start-check.ts';
import { todayInLondon } from '../src/domain/calendar-date.ts';
import { validateForm } from '../src/forms/validation.ts';
import { optOutSchema } from '../src/schemas/forms/opt-out.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { loadDraft } from '../src/server/opt-out/drafts.ts';
import { draftToken, openServices, unavailable } from '../src/server/opt-out/http.ts';
import { checkPage, draftExpiredPage, formPage } from '../src/server/opt-out/pages.tsx';

/**
 * GET /api/opt-out/check: "Check your answers" from the encrypted draft the cookie points to.
 * GET /api/opt-out/change: the form again, filled in from the draft (its evidence kept); the
 * link's #fragment takes the browser to the question being changed.
 */
async function optOutCheck(request: Request): Promise<Response> {
  const services = await openServices(false);
  if (services instanceof Response) return services;
  try {
    const token = draftToken(request);
    const draft = token
      ? await loadDraft({ db: services.store.db, keyring: services.keyring, settings: services.settings }, token)
      : undefined;
    if (!draft) return draftExpiredPage(services);
    const evidenceName = draft.evidence?.fileName ?? null;
    const result = validateForm(
      optOutSchema({ today: todayInLondon(new Date()), requireDeclaration: false }),
      draft.fields,
    );
    if (new URL(request.url).pathname.endsWith('/change') || !result.ok) {
      return formPage(services, {
        values: draft.fields,
        errors: result.ok ? [] : result.errors,
        evidenceName,
        resume: true,
      });
    }
    return checkPage(services, { answers: result.data, evidenceName, idempotencyKey: draft.submissionKey });
  } catch (error) {
    return unavailable(false, error, services);
  }
}

// Netlify applies no custom headers to function answers: each one carries its own.
export default secureFunction(optOutCheck);

export const config: FunctionConfig = { path: ['/api/opt-out/check', '/api/opt-out/change'], method: 'GET' };
