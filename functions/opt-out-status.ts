import '../src/server/start-check.ts';
import { todayInLondon } from '../src/domain/calendar-date.ts';
import { validateForm } from '../src/forms/validation.ts';
import { t } from '../src/i18n/t.ts';
import { optOutStatusSchema } from '../src/schemas/forms/opt-out-status.ts';
import { BadRequestError, parseSubmission } from '../src/server/http/form-request.ts';
import type { FunctionConfig, FunctionContext } from '../src/server/http/function-module.ts';
import { jsonErrors } from '../src/server/http/responses.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { invalidRequestPage } from '../src/server/http/service-pages.tsx';
import { openServices, rateLimit, tooMany, unavailable } from '../src/server/opt-out/http.ts';
import { jsonToFormFields } from '../src/server/opt-out/json-input.ts';
import { statusFormPage, statusResultPage } from '../src/server/opt-out/pages.tsx';
import { findStatus } from '../src/server/opt-out/status.ts';
import { lookUpWithinLimit, tooManyTries } from '../src/server/opt-out/status-limit.ts';

/**
 * POST /api/opt-out/status: reference + date of birth → the status and its dates. An unknown
 * reference and a wrong date of birth get the same answer, and every try counts against the
 * rate limit, so nobody can find out which references exist or guess a date of birth; a
 * reference with too many wrong dates in a day is paused and its owner told (status-limit.ts).
 */
async function optOutStatus(request: Request, context?: FunctionContext): Promise<Response> {
  const json = (request.headers.get('content-type') ?? '').includes('application/json');
  const services = await openServices(json);
  if (services instanceof Response) return services;
  let fields: Record<string, string>;
  try {
    const parsed = await parseSubmission(request, 16 * 1024);
    fields = jsonToFormFields(parsed.fields).fields;
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    if (json) return jsonErrors([{ field: null, message: error.message }], error.status);
    return invalidRequestPage(services.env.STATIC_DIR, error.status);
  }
  const values = {
    reference: fields['reference'] ?? '',
    dateOfBirthDay: fields['dateOfBirthDay'] ?? '',
    dateOfBirthMonth: fields['dateOfBirthMonth'] ?? '',
    dateOfBirthYear: fields['dateOfBirthYear'] ?? '',
  };
  try {
    const limit = await rateLimit(services, 'opt-out-status', context);
    if (!limit.allowed) return tooMany(services, json, limit.retryAfterSeconds);
    const result = validateForm(optOutStatusSchema({ today: todayInLondon(new Date()) }), values);
    if (!result.ok)
      return json ? jsonErrors(result.errors, 422) : statusFormPage(services, { values, errors: result.errors });
    const deps = { db: services.store.db, keyring: services.keyring, settings: services.settings };
    const found = await lookUpWithinLimit(services, result.data.reference, () => findStatus(deps, result.data));
    if (found.outcome === 'locked') return tooManyTries(services, json, values);
    if (found.outcome === 'not-found') {
      const errors = [{ field: 'reference', message: t('optOut.status.notFound') }];
      return json ? jsonErrors(errors, 404) : statusFormPage(services, { values, errors });
    }
    const view = found.value;
    if (json) return Response.json(view, { headers: { 'Cache-Control': 'no-store' } });
    return statusResultPage(services, view, values);
  } catch (error) {
    return unavailable(json, error, services);
  }
}

// Netlify applies no custom headers to function answers: each one carries its own. A post from
// another site is refused before the handler runs (same-origin.tsx).
export default secureFunction(sameOriginOnly(optOutStatus));

export const config: FunctionConfig = { path: '/api/opt-out/status', method: 'POST' };
