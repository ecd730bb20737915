import '../src/server/start-check.ts';
import { todayInLondon } from '../src/domain/calendar-date.ts';
import { validateForm } from '../src/forms/validation.ts';
import { optOutSchema } from '../src/schemas/forms/opt-out.ts';
import { BadRequestError, parseSubmission } from '../src/server/http/form-request.ts';
import type { FunctionConfig, FunctionContext } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { invalidRequestPage } from '../src/server/http/service-pages.tsx';
import { idempotencyKeyFor, isHoneypotFilled } from '../src/server/http/submission-guards.ts';
import { log } from '../src/server/log.ts';
import { kickOutbox } from '../src/server/mail/outbox-timer.ts';
import { loadDraft } from '../src/server/opt-out/drafts.ts';
import {
  draftCookie,
  draftToken,
  openServices,
  rateLimit,
  rejected,
  tooMany,
  unavailable,
  withCookie,
} from '../src/server/opt-out/http.ts';
import { checkPage, confirmationPage, draftExpiredPage, formPage } from '../src/server/opt-out/pages.tsx';
import { findByIdempotencyKey, saveOptOut } from '../src/server/opt-out/submit.ts';
import { requireCallablePhone } from '../src/server/phone-line.ts';

/**
 * POST /api/opt-out/submit: the declaration and "Send request" on "Check your answers". The
 * answers come from the encrypted draft, never from this post. The form's idempotency key makes
 * a double click (or a refresh) show the first reference instead of making a second request.
 */
async function optOutSubmit(request: Request, context?: FunctionContext): Promise<Response> {
  const services = await openServices(false);
  if (services instanceof Response) return services;
  let fields: Record<string, unknown>;
  try {
    fields = (await parseSubmission(request, 64 * 1024)).fields;
  } catch (error) {
    if (error instanceof BadRequestError) return invalidRequestPage(services.env.STATIC_DIR, error.status);
    throw error;
  }
  if (isHoneypotFilled(fields)) return rejected(services, false);
  const deps = { db: services.store.db, keyring: services.keyring, settings: services.settings };
  try {
    const limit = await rateLimit(services, 'opt-out', context);
    if (!limit.allowed) return tooMany(services, false, limit.retryAfterSeconds);
    const idempotencyKey = idempotencyKeyFor('opt-out', fields, context?.ip ?? 'unknown', services.keyring);
    const earlier = await findByIdempotencyKey(deps.db, idempotencyKey);
    if (earlier) {
      log.info('Opt-out request repeated', { reference: earlier.reference, status: 200 });
      return withCookie(
        await confirmationPage(services, { reference: earlier.reference, emailSent: earlier.hasEmail }),
        draftCookie(null),
      );
    }
    const token = draftToken(request);
    const draft = token ? await loadDraft(deps, token) : undefined;
    if (!draft) return draftExpiredPage(services);
    const today = todayInLondon(new Date());
    const result = await requireCallablePhone(
      validateForm(optOutSchema({ today, requireDeclaration: true }), {
        ...draft.fields,
        declaration: fields['declaration'] === 'yes' ? 'yes' : '',
      }),
      (answers) => answers.contact.phone,
    );
    if (!result.ok) {
      const onlyDeclaration = result.errors.every((error) => error.field === 'declaration');
      const answers = validateForm(optOutSchema({ today, requireDeclaration: false }), draft.fields);
      if (onlyDeclaration && answers.ok) {
        return checkPage(services, {
          answers: answers.data,
          evidenceName: draft.evidence?.fileName ?? null,
          idempotencyKey: draft.submissionKey,
          errors: result.errors,
        });
      }
      return formPage(services, {
        values: draft.fields,
        errors: result.errors.filter((e) => e.field !== 'declaration'),
        evidenceName: draft.evidence?.fileName ?? null,
        resume: true,
      });
    }
    const saved = await saveOptOut(deps, result.data, { idempotencyKey, evidence: { draftId: draft.id } });
    kickOutbox();
    log.info('Opt-out request saved', { reference: saved.reference, status: saved.created ? 201 : 200 });
    return withCookie(
      await confirmationPage(services, { reference: saved.reference, emailSent: saved.hasEmail }),
      draftCookie(null),
    );
  } catch (error) {
    return unavailable(false, error, services);
  }
}

// Netlify applies no custom headers to function answers: each one carries its own. A post from
// another site is refused before the handler runs (same-origin.tsx).
export default secureFunction(sameOriginOnly(optOutSubmit));

export const config: FunctionConfig = { path: '/api/opt-out/submit', method: 'POST' };
