import '../src/server/start-check.ts';
import { todayInLondon } from '../src/domain/calendar-date.ts';
import { isProxyRoute, OPT_OUT_ROUTES } from '../src/domain/opt-out.ts';
import { type FieldError, validateForm } from '../src/forms/validation.ts';
import { optOutInputShape, optOutSchema } from '../src/schemas/forms/opt-out.ts';
import { BadRequestError, parseSubmission } from '../src/server/http/form-request.ts';
import type { FunctionConfig, FunctionContext } from '../src/server/http/function-module.ts';
import { MAX_BODY_BYTES } from '../src/server/http/limits.ts';
import { jsonErrors, seeOther } from '../src/server/http/responses.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { invalidRequestPage } from '../src/server/http/service-pages.tsx';
import { idempotencyKeyFor, isHoneypotFilled } from '../src/server/http/submission-guards.ts';
import { log } from '../src/server/log.ts';
import { kickOutbox } from '../src/server/mail/outbox-timer.ts';
import { loadDraft, saveDraft } from '../src/server/opt-out/drafts.ts';
import { type EvidenceUpload, readEvidence } from '../src/server/opt-out/evidence.ts';
import {
  draftCookie,
  draftToken,
  openServices,
  rateLimit,
  rejected,
  tooMany,
  unavailable,
} from '../src/server/opt-out/http.ts';
import { jsonToFormFields } from '../src/server/opt-out/json-input.ts';
import { formPage, inPageOrder } from '../src/server/opt-out/pages.tsx';
import { saveOptOut } from '../src/server/opt-out/submit.ts';
import { requireCallablePhone } from '../src/server/phone-line.ts';

/**
 * POST /api/opt-out.
 * - JSON (API clients, the load bench): a complete request, declaration included → 201 {reference}.
 * - A browser form post (first page): answers checked; with errors the form comes back with them;
 *   otherwise they are kept as an encrypted draft and the browser goes to "Check your answers".
 */
async function optOut(request: Request, context?: FunctionContext): Promise<Response> {
  const json = (request.headers.get('content-type') ?? '').includes('application/json');
  const services = await openServices(json);
  if (services instanceof Response) return services;
  let parsed: Awaited<ReturnType<typeof parseSubmission>>;
  try {
    parsed = await parseSubmission(request, MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    if (json) return jsonErrors([{ field: null, message: error.message }], error.status);
    return invalidRequestPage(services.env.STATIC_DIR, error.status);
  }
  if (isHoneypotFilled(parsed.fields)) return rejected(services, json);
  const today = todayInLondon(new Date());

  try {
    const limit = await rateLimit(services, parsed.kind === 'json' ? 'opt-out' : 'opt-out-draft', context);
    if (!limit.allowed) return tooMany(services, json, limit.retryAfterSeconds);

    if (parsed.kind === 'json') {
      const { fields, evidence } = jsonToFormFields(parsed.fields);
      const result = await requireCallablePhone(
        validateForm(optOutSchema({ today, requireDeclaration: true }), fields),
        (answers) => answers.contact.phone,
      );
      const errors: FieldError[] = result.ok ? [] : [...result.errors];
      let upload: EvidenceUpload | undefined;
      if (evidence && 'error' in evidence) errors.push({ field: 'evidence', message: evidence.error });
      else if (evidence) {
        const checked = readEvidence(evidence.fileName, evidence.bytes);
        if (checked.ok) upload = checked.upload;
        else errors.push(checked.error);
      }
      if (!result.ok || errors.length) return jsonErrors(inPageOrder(errors), 422);
      const idempotencyKey = idempotencyKeyFor('opt-out', fields, context?.ip ?? 'unknown', services.keyring);
      const saved = await saveOptOut(
        { db: services.store.db, keyring: services.keyring, settings: services.settings },
        result.data,
        { idempotencyKey, evidence: upload ? { upload } : null },
      );
      kickOutbox();
      log.info('Opt-out request saved', { reference: saved.reference, status: saved.created ? 201 : 200 });
      return Response.json(
        { reference: saved.reference },
        { status: saved.created ? 201 : 200, headers: { 'Cache-Control': 'no-store' } },
      );
    }

    // The browser's first page: validate, keep as a draft, then "Check your answers".
    // Only the form's own fields are kept in the draft (not the honeypot or the resume flag).
    const fields = Object.fromEntries(
      Object.entries(parsed.fields).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] in optOutInputShape,
      ),
    );
    const deps = { db: services.store.db, keyring: services.keyring, settings: services.settings };
    const token = parsed.fields['resume'] === 'yes' ? draftToken(request) : undefined;
    const draft = token ? await loadDraft(deps, token) : undefined;
    const result = await requireCallablePhone(
      validateForm(optOutSchema({ today, requireDeclaration: false }), fields),
      (answers) => answers.contact.phone,
    );
    const errors: FieldError[] = result.ok ? [] : [...result.errors];
    const file = parsed.files['evidence'];
    const proxy = OPT_OUT_ROUTES.some((route) => route === fields['who'] && isProxyRoute(route));
    let upload: EvidenceUpload | undefined;
    if (file && proxy) {
      const checked = readEvidence(file.name, new Uint8Array(await file.arrayBuffer()));
      if (checked.ok) upload = checked.upload;
      else errors.push(checked.error);
    }
    if (errors.length) {
      return formPage(services, {
        values: fields,
        errors,
        evidenceName: draft?.evidence?.fileName ?? null,
        resume: draft !== undefined,
      });
    }
    const newToken = await saveDraft(deps, {
      token: draft ? token : undefined,
      fields,
      ...(upload ? { upload } : {}),
      proxy,
    });
    return seeOther('/api/opt-out/check', draftCookie(newToken));
  } catch (error) {
    return unavailable(json, error, services);
  }
}

// Netlify applies no custom headers to function answers: each one carries its own. A post from
// another site is refused before the handler runs (same-origin.tsx).
export default secureFunction(sameOriginOnly(optOut));

export const config: FunctionConfig = { path: '/api/opt-out', method: 'POST' };
