import { consultationStage } from '../../domain/consultations.ts';
import { validateForm } from '../../forms/validation.ts';
import { requestLanguage } from '../../i18n/request-language.ts';
import { inLanguage, t } from '../../i18n/t.ts';
import { consultationAnswerSchema, consultationFormValues } from '../../schemas/forms/consultation-answer.ts';
import { limiterPerDatabase } from '../abuse/limiter-per-database.ts';
import { loadEnv } from '../env.ts';
import { BadRequestError, type ParsedSubmission, parseSubmission, wantsJson } from '../http/form-request.ts';
import { invalidRequestPage, rejectedPage, tooManyResponse, unavailablePage } from '../http/service-pages.tsx';
import { idempotencyKeyFor, isHoneypotFilled } from '../http/submission-guards.ts';
import { describeError, log } from '../log.ts';
import { getServices, type Services } from '../services.ts';
import { readSiteSettings } from '../site-settings.ts';
import { readConsultation, shownConsultation } from './definitions.ts';
import { answerFormWithErrors, answerRefusedPage, answerSavedPage, type PageContext } from './pages.tsx';
import { saveConsultationAnswer } from './store.ts';

/** Twenty questions of free text at 2,000 characters each, with room to spare. */
const MAX_BYTES = 64 * 1024;

const json = (body: unknown, status: number) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
const problem = (message: string, field: string | null = null) => ({ errors: [{ field, message }] });

/** Answers are limited like the contact form, under their own name, so a flood cannot skew the results cheaply. */
const limiterFor = limiterPerDatabase('consultation');

/** The plain refusal for answers that cannot be taken (the page adds the day and "nothing was saved"). */
const REFUSED_TITLE = {
  'not-open': 'consultations.refused.notOpenTitle',
  closed: 'consultations.refused.closedTitle',
  unknown: 'consultations.refused.unknownTitle',
} as const;

/** "Nothing was recorded": the database did not take the answers. */
async function unavailable(asJson: boolean, known?: Services): Promise<Response> {
  if (asJson) return json(problem(t('forms.unavailable.body')), 503);
  const settings = known?.settings ?? (await readSiteSettings());
  return unavailablePage(settings, known?.env.STATIC_DIR ?? loadEnv().STATIC_DIR);
}

/**
 * POST /api/consultations/answer, served by the residents' submission function
 * (functions/feedback.ts). Order of work, as the contact form's: read → honeypot → find the
 * consultation and check it is open today → validate with its own schema → rate limit → save in
 * one transaction → respond with the reference. The reference is shown only after the commit.
 */
export async function handleConsultationAnswer(request: Request, ip: string, now = new Date()): Promise<Response> {
  const asJson = wantsJson(request);
  let services: Services;
  try {
    services = await getServices();
  } catch (error) {
    log.error('Consultation answer not saved: services unavailable', { status: 503, error: describeError(error) });
    return unavailable(asJson);
  }
  const staticDir = services.env.STATIC_DIR;
  let body: ParsedSubmission;
  try {
    body = await parseSubmission(request, MAX_BYTES);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    return asJson ? json(problem(error.message), error.status) : invalidRequestPage(staticDir, error.status);
  }
  if (isHoneypotFilled(body.fields)) {
    log.warn('Consultation answer refused: honeypot filled', { status: 400 });
    return asJson ? json(problem(t('forms.rejected.title')), 400) : rejectedPage(services.settings, staticDir);
  }
  const context: PageContext = { staticDir, lang: requestLanguage(request, body.fields) };
  try {
    const slug = typeof body.fields['consultation'] === 'string' ? body.fields['consultation'] : '';
    const consultation = await readConsultation(services.env.CONTENT_DIR, slug);
    const stage = consultation ? consultationStage(consultation, now) : 'unknown';
    if (!consultation || stage !== 'open') {
      const reason = stage === 'open' ? 'unknown' : stage;
      const status = consultation ? 409 : 404;
      log.info('Consultation answer refused', { status, stage: reason });
      if (asJson) return json(problem(t(REFUSED_TITLE[reason])), status);
      return answerRefusedPage(context, reason, consultation);
    }
    const result = inLanguage(context.lang, () => validateForm(consultationAnswerSchema(consultation), body.fields));
    if (!result.ok) {
      if (asJson) return json({ errors: result.errors }, 422);
      const shown = await shownConsultation(services.env.CONTENT_DIR, slug, context.lang, consultation);
      return answerFormWithErrors(context, slug, shown, consultationFormValues(body.fields), result.errors);
    }
    const limited = await limiterFor(services)(ip);
    if (!limited.allowed) {
      log.warn('Consultation answer refused: rate limit', { status: 429 });
      return tooManyResponse(services.settings, staticDir, limited.retryAfterSeconds, asJson);
    }
    const saved = await saveConsultationAnswer(services.store.db, services.keyring, slug, result.data, {
      idempotencyKey: idempotencyKeyFor('consultation', body.fields, ip, services.keyring),
      now,
      lang: context.lang,
    });
    // Committed: only now may the page show a reference.
    log.info('Consultation answer received', { reference: saved.reference, status: saved.created ? 201 : 200 });
    if (asJson) return json({ reference: saved.reference }, saved.created ? 201 : 200);
    return answerSavedPage(context, slug, consultation, {
      reference: saved.reference,
      emailGiven: result.data.email !== '',
    });
  } catch (error) {
    log.error('Consultation answer not saved: database error', { status: 503, error: describeError(error) });
    return unavailable(asJson, services);
  }
}
