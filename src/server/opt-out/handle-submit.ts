import { requestLanguage } from '../../i18n/request-language.ts';
import type { FunctionContext } from '../http/function-module.ts';
import { idempotencyKeyFor } from '../http/submission-guards.ts';
import { log } from '../log.ts';
import { kickOutbox } from '../mail/outbox-timer.ts';
import { checkAnswers, readAnswers } from './answers.ts';
import { loadDraft } from './drafts.ts';
import { depsOf, draftCookie, draftToken, startPost, unavailable, withCookie } from './http.ts';
import { checkPage, confirmationPage, draftExpiredPage, formPage } from './pages.tsx';
import { findByIdempotencyKey, saveOptOut } from './submit.ts';

/**
 * POST /api/opt-out/submit: the declaration and "Send request" on "Check your answers". The
 * answers come from the encrypted draft, never from this post. The form's idempotency key makes
 * a double click (or a refresh) show the first reference instead of making a second request.
 * Order: read → honeypot → rate limit → draft (none: an earlier send with this key?) → validate → save.
 */
export async function handleSubmit(request: Request, context?: FunctionContext): Promise<Response> {
  const started = await startPost(
    request,
    { json: false, maxBytes: 64 * 1024, honeypot: true, scope: 'opt-out' },
    context,
  );
  if (started instanceof Response) return started;
  const { parsed } = started;
  const { fields } = parsed;
  // "Check your answers" carries the form's language in a hidden field; the confirmation is in it.
  const lang = requestLanguage(request, fields);
  const services = { ...started.services, lang };
  const deps = depsOf(services);
  try {
    const idempotencyKey = idempotencyKeyFor('opt-out', fields, context?.ip ?? 'unknown', services.keyring);
    const token = draftToken(request);
    const draft = token ? await loadDraft(deps, token) : undefined;
    if (!draft) {
      // The send that saved a request deletes its draft in the same statement, so a repeat (a
      // double click, a refresh) finds none: it is looked up by its key only then, which spares
      // every first send a round trip. A repeat while the draft is still there is answered below
      // by saveOptOut, which writes nothing for a known key and returns the first reference.
      const earlier = await findByIdempotencyKey(deps.db, idempotencyKey);
      if (!earlier) return draftExpiredPage(services);
      log.info('Opt-out request repeated', { reference: earlier.reference, status: 200 });
      return withCookie(
        await confirmationPage(services, { reference: earlier.reference, emailSent: earlier.hasEmail }),
        draftCookie(null),
      );
    }
    const result = await checkAnswers(
      { ...draft.fields, declaration: fields['declaration'] === 'yes' ? 'yes' : '' },
      { requireDeclaration: true, lang },
    );
    if (!result.ok) {
      // Only the declaration missing: "Check your answers" again with its error; anything else
      // (a draft from before a rule changed) goes back to the form with the answers kept.
      const onlyDeclaration = result.errors.every((error) => error.field === 'declaration');
      const answers = readAnswers(draft.fields, { requireDeclaration: false, lang });
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
    const saved = await saveOptOut(deps, result.data, { idempotencyKey, evidence: { draftId: draft.id }, lang });
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
