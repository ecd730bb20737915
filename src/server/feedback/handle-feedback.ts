import { todayInLondon } from '../../domain/calendar-date.ts';
import { type FieldError, validateForm } from '../../forms/validation.ts';
import { localiseMessage } from '../../i18n/domain-messages.ts';
import { requestLanguage } from '../../i18n/request-language.ts';
import { inLanguage, t } from '../../i18n/t.ts';
import { feedbackFormSchema, feedbackFormValues } from '../../schemas/forms/feedback.ts';
import { pageHelpfulCommentSchema, pageHelpfulVoteSchema } from '../../schemas/forms/feedback-page-helpful.ts';
import { limiterPerDatabase } from '../abuse/limiter-per-database.ts';
import { loadEnv } from '../env.ts';
import { BadRequestError, type ParsedSubmission, parseSubmission, wantsJson } from '../http/form-request.ts';
import { invalidRequestPage, rejectedPage, tooManyResponse, unavailablePage } from '../http/service-pages.tsx';
import { idempotencyKeyFor, isHoneypotFilled } from '../http/submission-guards.ts';
import { describeError, log } from '../log.ts';
import { kickOutbox } from '../mail/outbox-timer.ts';
import { requireCallablePhone } from '../phone-line.ts';
import { getServices, type Services } from '../services.ts';
import { readSiteSettings } from '../site-settings.ts';
import { addPageComment, savePageVote } from './page-helpful-store.ts';
import {
  contactConfirmation,
  contactFormWithErrors,
  formatCalendarDate,
  pageHelpfulCommentPage,
  pageHelpfulDonePage,
} from './responses.tsx';
import { saveFeedbackItem } from './save-item.ts';

/** The contact form is text only; 64 KB is ten times the longest valid message. */
export const MAX_FEEDBACK_BYTES = 64 * 1024;

const problem = (message: string, field: string | null = null) => ({ errors: [{ field, message }] });
const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });

/** One rate limiter per database (per process), so its counters are shared by every request. */
const limiterFor = limiterPerDatabase('feedback');

/** "Nothing was recorded", never a reference: used whenever the database did not take the request. */
async function unavailable(asJson: boolean, services: Services | undefined): Promise<Response> {
  if (asJson) return json(problem(t('forms.unavailable.body')), 503);
  const settings = services?.settings ?? (await readSiteSettings());
  return unavailablePage(settings, services?.env.STATIC_DIR ?? loadEnv().STATIC_DIR);
}

/**
 * POST /api/feedback: the contact form (kind "contact", the default), "Was this page helpful?"
 * (kind "page-helpful") and its optional comment (kind "page-helpful-comment"). Order of work:
 * read → honeypot → validate → rate limit → save (one transaction, emails included) → respond.
 */
export async function handleFeedback(request: Request, ip: string): Promise<Response> {
  const asJson = wantsJson(request);
  let services: Services;
  try {
    services = await getServices();
  } catch (error) {
    log.error('Feedback not saved: services unavailable', { status: 503, error: describeError(error) });
    return unavailable(asJson, undefined);
  }
  const staticDir = services.env.STATIC_DIR;

  let body: ParsedSubmission;
  try {
    body = await parseSubmission(request, MAX_FEEDBACK_BYTES);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    return asJson ? json(problem(error.message), error.status) : invalidRequestPage(staticDir, error.status);
  }
  if (isHoneypotFilled(body.fields)) {
    log.warn('Feedback refused: honeypot filled', { status: 400 });
    return asJson ? json(problem(t('forms.rejected.title')), 400) : rejectedPage(services.settings, staticDir);
  }

  const kind = body.fields['kind'] ?? 'contact';
  // The form's hidden `lang` (contact form and "Was this page helpful?" alike): errors, the comment
  // box and the confirmation come back in the language the form was in.
  const lang = requestLanguage(request, body.fields);
  const invalid = (errors: FieldError[], page: () => Promise<Response>) => (asJson ? json({ errors }, 422) : page());

  try {
    if (kind === 'page-helpful') {
      const result = inLanguage(lang, () => validateForm(pageHelpfulVoteSchema(), body.fields));
      if (!result.ok) return invalid(result.errors, () => invalidRequestPage(staticDir, 400));
      const limited = await limiterFor(services)(ip);
      if (!limited.allowed) return tooMany(asJson, services, limited.retryAfterSeconds);
      const key = idempotencyKeyFor('page-helpful', body.fields, ip, services.keyring);
      const { followUp, created } = await savePageVote(services.store.db, services.keyring, result.data, key);
      log.info('Page feedback received', { status: created ? 201 : 200 });
      if (asJson) return json({ followUp }, created ? 201 : 200);
      return pageHelpfulCommentPage(
        { path: result.data.path, helpful: result.data.helpful, followUp },
        staticDir,
        lang,
      );
    }

    if (kind === 'page-helpful-comment') {
      const helpful = body.fields['helpful'] === 'yes' ? 'yes' : 'no';
      const result = inLanguage(lang, () => validateForm(pageHelpfulCommentSchema(), body.fields));
      if (!result.ok) {
        const path = typeof body.fields['path'] === 'string' ? body.fields['path'] : '/';
        const followUp = typeof body.fields['followUp'] === 'string' ? body.fields['followUp'] : '';
        const comment = typeof body.fields['comment'] === 'string' ? body.fields['comment'] : '';
        const onlyComment = result.errors.every((error) => error.field === 'comment');
        return invalid(result.errors, () =>
          onlyComment
            ? pageHelpfulCommentPage(
                { path, helpful, followUp, value: comment, errors: result.errors },
                staticDir,
                lang,
              )
            : invalidRequestPage(staticDir, 400),
        );
      }
      const saved = await addPageComment(
        services.store.db,
        services.keyring,
        result.data.followUp,
        result.data.comment,
      );
      if (!saved) {
        return asJson
          ? json(problem(t('forms.invalidRequest.body'), 'followUp'), 400)
          : invalidRequestPage(staticDir, 400);
      }
      log.info('Page feedback comment received', { status: 200 });
      return asJson ? json({ saved: true }, 200) : pageHelpfulDonePage(result.data.path, staticDir, lang);
    }

    if (kind !== 'contact') {
      return invalid([{ field: 'kind', message: t('forms.invalidRequest.body') }], () =>
        invalidRequestPage(staticDir, 400),
      );
    }

    const result = await requireCallablePhone(
      inLanguage(lang, () => validateForm(feedbackFormSchema(), body.fields)),
      (submission) => (submission.reply.by === 'phone' ? submission.reply.phone : null),
    );
    if (!result.ok) {
      const errors = result.errors.map((error) => ({ ...error, message: localiseMessage(error.message, lang) }));
      return invalid(errors, () => contactFormWithErrors(feedbackFormValues(body.fields), errors, staticDir, lang));
    }
    const limited = await limiterFor(services)(ip);
    if (!limited.allowed) return tooMany(asJson, services, limited.retryAfterSeconds);
    const submission = result.data;
    const saved = await saveFeedbackItem(services.store.db, services.keyring, submission, {
      idempotencyKey: idempotencyKeyFor('feedback', body.fields, ip, services.keyring),
      receivedOn: todayInLondon(new Date()),
      targets: services.settings.responseTargets,
      // The due date in the email is written in the form's language, as the rest of it is.
      formatDate: (date) => inLanguage(lang, () => formatCalendarDate(date)),
      lang,
    });
    // Committed: only now is it safe to send the acknowledgement and to show the reference.
    if (saved.created && submission.reply.by === 'email') kickOutbox();
    log.info('Feedback received', { reference: saved.reference, status: saved.created ? 201 : 200 });
    if (asJson) return json({ reference: saved.reference }, saved.created ? 201 : 200);
    return contactConfirmation(
      saved,
      {
        type: submission.type,
        replyWanted: submission.reply.by !== 'none',
        emailSent: submission.reply.by === 'email',
      },
      services.settings,
      staticDir,
      lang,
    );
  } catch (error) {
    log.error('Feedback not saved: database error', { status: 503, error: describeError(error) });
    return unavailable(asJson, services);
  }
}

function tooMany(asJson: boolean, services: Services, retryAfterSeconds: number): Promise<Response> | Response {
  log.warn('Feedback refused: rate limit', { status: 429 });
  return tooManyResponse(services.settings, services.env.STATIC_DIR, retryAfterSeconds, asJson);
}
