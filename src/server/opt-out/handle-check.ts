import { requestLanguage } from '../../i18n/request-language.ts';
import { readAnswers } from './answers.ts';
import { loadDraft } from './drafts.ts';
import { depsOf, draftToken, openServices, unavailable } from './http.ts';
import { checkPage, draftExpiredPage, formPage } from './pages.tsx';

/**
 * GET /api/opt-out/check: "Check your answers" from the encrypted draft the cookie points to.
 * GET /api/opt-out/change: the form again, filled in from the draft (its evidence kept); the
 * link's #fragment takes the browser to the question being changed.
 */
export async function handleCheck(request: Request): Promise<Response> {
  const opened = await openServices(false);
  if (opened instanceof Response) return opened;
  const lang = requestLanguage(request);
  const services = { ...opened, lang };
  try {
    const token = draftToken(request);
    const draft = token ? await loadDraft(depsOf(services), token) : undefined;
    if (!draft) return draftExpiredPage(services);
    const evidenceName = draft.evidence?.fileName ?? null;
    const result = readAnswers(draft.fields, { requireDeclaration: false, lang });
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
