import { isProxyRoute, OPT_OUT_ROUTES } from '../../domain/opt-out.ts';
import type { FieldError } from '../../forms/validation.ts';
import { requestLanguage, withLanguage } from '../../i18n/request-language.ts';
import { optOutInputShape } from '../../schemas/forms/opt-out.ts';
import type { FunctionContext } from '../http/function-module.ts';
import { MAX_BODY_BYTES } from '../http/limits.ts';
import { jsonErrors, seeOther } from '../http/responses.ts';
import { idempotencyKeyFor } from '../http/submission-guards.ts';
import { log } from '../log.ts';
import { kickOutbox } from '../mail/outbox-timer.ts';
import type { Services } from '../services.ts';
import { checkAnswers } from './answers.ts';
import { loadDraft, saveDraft } from './drafts.ts';
import { type EvidenceUpload, readEvidence } from './evidence.ts';
import { depsOf, draftCookie, draftToken, isJsonRequest, startPost, unavailable } from './http.ts';
import { jsonToFormFields } from './json-input.ts';
import { formPage, inPageOrder } from './pages.tsx';
import { saveOptOut } from './submit.ts';

/**
 * POST /api/opt-out. Order of work: read → honeypot → rate limit → validate (schema, then the
 * phone number against the numbering plan) → save → respond.
 * - JSON (API clients, the load bench): a complete request, declaration included → 201 {reference}.
 * - A browser form post (first page): with errors the form comes back with them; otherwise the
 *   answers are kept as an encrypted draft and the browser goes to "Check your answers".
 */
export async function handleOptOut(request: Request, context?: FunctionContext): Promise<Response> {
  const json = isJsonRequest(request);
  const started = await startPost(
    request,
    // A browser saves a draft each time "Continue" or "Change" is pressed: a wider allowance.
    {
      json,
      maxBytes: MAX_BODY_BYTES,
      honeypot: true,
      scope: (parsed) => (parsed.kind === 'json' ? 'opt-out' : 'opt-out-draft'),
    },
    context,
  );
  if (started instanceof Response) return started;
  const { services, parsed } = started;
  try {
    if (parsed.kind === 'json') return await saveFromJson(services, parsed.fields, context);
    return await keepDraft(services, request, parsed.fields, parsed.files['evidence']);
  } catch (error) {
    return unavailable(json, error, services);
  }
}

/** An API client's complete request, evidence included as base64: saved at once. */
async function saveFromJson(
  services: Services,
  body: Record<string, unknown>,
  context?: FunctionContext,
): Promise<Response> {
  const { fields, evidence } = jsonToFormFields(body);
  const result = await checkAnswers(fields, { requireDeclaration: true });
  const errors: FieldError[] = result.ok ? [] : [...result.errors];
  let upload: EvidenceUpload | undefined;
  if (evidence && 'error' in evidence) errors.push({ field: 'evidence', message: evidence.error });
  else if (evidence) upload = checkedEvidence(evidence.fileName, evidence.bytes, errors);
  if (!result.ok || errors.length) return jsonErrors(inPageOrder(errors), 422);
  const idempotencyKey = idempotencyKeyFor('opt-out', fields, context?.ip ?? 'unknown', services.keyring);
  const saved = await saveOptOut(depsOf(services), result.data, {
    idempotencyKey,
    evidence: upload ? { upload } : null,
  });
  kickOutbox();
  log.info('Opt-out request saved', { reference: saved.reference, status: saved.created ? 201 : 200 });
  return Response.json(
    { reference: saved.reference },
    { status: saved.created ? 201 : 200, headers: { 'Cache-Control': 'no-store' } },
  );
}

/** The browser's first page: checked, then kept as an encrypted draft until "Send request". */
async function keepDraft(
  services: Services,
  request: Request,
  posted: Record<string, unknown>,
  file: File | undefined,
): Promise<Response> {
  // Only the form's own fields are kept in the draft (not the honeypot or the resume flag).
  const fields = Object.fromEntries(
    Object.entries(posted).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] in optOutInputShape,
    ),
  );
  const deps = depsOf(services);
  // The form's hidden `lang`: its errors, and the pages after it, come back in the language it was in.
  const lang = requestLanguage(request, posted);
  const token = posted['resume'] === 'yes' ? draftToken(request) : undefined;
  const draft = token ? await loadDraft(deps, token) : undefined;
  const result = await checkAnswers(fields, { requireDeclaration: false, lang });
  const errors: FieldError[] = result.ok ? [] : [...result.errors];
  const proxy = OPT_OUT_ROUTES.some((route) => route === fields['who'] && isProxyRoute(route));
  // Evidence belongs only to a request for someone else; a file sent with one for yourself is dropped.
  const upload =
    file && proxy ? checkedEvidence(file.name, new Uint8Array(await file.arrayBuffer()), errors) : undefined;
  if (errors.length) {
    return formPage(
      { ...services, lang },
      {
        values: fields,
        errors,
        evidenceName: draft?.evidence?.fileName ?? null,
        resume: draft !== undefined,
      },
    );
  }
  const newToken = await saveDraft(deps, {
    token: draft ? token : undefined,
    fields,
    ...(upload ? { upload } : {}),
    proxy,
  });
  return seeOther(withLanguage('/api/opt-out/check', lang), draftCookie(newToken));
}

/** The evidence file checked (type, size); its problem, if any, added to `errors`. */
function checkedEvidence(fileName: string, bytes: Uint8Array, errors: FieldError[]): EvidenceUpload | undefined {
  const checked = readEvidence(fileName, bytes);
  if (checked.ok) return checked.upload;
  errors.push(checked.error);
  return undefined;
}
