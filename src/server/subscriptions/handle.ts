import { validateForm } from '../../forms/validation.ts';
import { requestLanguage } from '../../i18n/request-language.ts';
import { inLanguage, t } from '../../i18n/t.ts';
import {
  subscribeFormSchema,
  subscribeFormValues,
  subscriptionChoicesSchema,
} from '../../schemas/forms/subscription.ts';
import { limiterPerDatabase } from '../abuse/limiter-per-database.ts';
import { loadEnv } from '../env.ts';
import { BadRequestError, type ParsedSubmission, parseSubmission, wantsJson } from '../http/form-request.ts';
import {
  invalidRequestPage,
  notFoundPage,
  rejectedPage,
  tooManyResponse,
  unavailablePage,
} from '../http/service-pages.tsx';
import { idempotencyKeyFor, isHoneypotFilled } from '../http/submission-guards.ts';
import { describeError, log } from '../log.ts';
import { kickOutbox } from '../mail/outbox-timer.ts';
import { looksLikeToken } from '../opt-out/tokens.ts';
import { getServices, type Services } from '../services.ts';
import { readSiteSettings } from '../site-settings.ts';
import {
  buttonPage,
  checkEmailPage,
  confirmedPage,
  invalidLinkPage,
  managePage,
  type PageContext,
  savedPage,
  subscribeFormWithErrors,
  unsubscribedPage,
} from './pages.tsx';
import { changeChoices, confirmSubscription, findByManageToken, signUp, unsubscribe } from './store.ts';

/** The form has an address and a few ticks; 16 KB is far more than a valid one needs. */
const MAX_BYTES = 16 * 1024;

const json = (body: unknown, status: number) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/** Sign-ups send email to an address someone typed, so they are limited like the contact form, under their own name. */
const limiterFor = limiterPerDatabase('subscribe');

/**
 * The email updates routes, served by the residents' submission function (functions/feedback.ts):
 * - POST /api/updates/subscribe: the sign-up form (read → honeypot → validate → rate limit →
 *   save with its email in one transaction → respond);
 * - GET|POST /api/updates/confirm?token=: a button, then the double opt-in;
 * - GET|POST /api/updates/manage?token=: change topics and frequency without signing in;
 * - GET|POST /api/updates/unsubscribe?token=: a button, and the RFC 8058 one-click target.
 * Tokens are random and say nothing about anyone; the address never travels in a URL.
 */
export async function handleSubscriptions(request: Request, ip: string, now = new Date()): Promise<Response> {
  const asJson = wantsJson(request);
  let services: Services;
  try {
    services = await getServices();
  } catch (error) {
    log.error('Email updates: services unavailable', { status: 503, error: describeError(error) });
    return asJson ? json({ errors: [{ field: null, message: t('forms.unavailable.body') }] }, 503) : unavailable();
  }
  const url = new URL(request.url);
  const context: PageContext = { staticDir: services.env.STATIC_DIR, lang: requestLanguage(request) };
  try {
    if (url.pathname === '/api/updates/subscribe') {
      if (request.method !== 'POST') return notFoundPage(context.staticDir);
      return await subscribe(request, ip, services, now);
    }
    const token = url.searchParams.get('token');
    if (!looksLikeToken(token)) return invalidLinkPage(context);
    const post = request.method === 'POST';
    switch (url.pathname) {
      case '/api/updates/confirm': {
        if (!post) return buttonPage(context, 'confirm', token);
        const manageToken = await confirmSubscription(services.store.db, services.keyring, token, now);
        if (!manageToken) return invalidLinkPage(context);
        log.info('Email updates confirmed', { status: 200 });
        return confirmedPage(context, manageToken);
      }
      case '/api/updates/manage':
        return await manage(request, services, context, token, now);
      case '/api/updates/unsubscribe': {
        if (!post) return buttonPage(context, 'unsubscribe', token);
        // The button and a mail provider's one-click POST (body "List-Unsubscribe=One-Click") do
        // the same: stop at once. Already stopped is still stopped, so a repeat gets the same page.
        const removed = await unsubscribe(services.store.db, token);
        log.info('Email updates stopped', { status: 200, removed });
        return unsubscribedPage(context);
      }
      default:
        return notFoundPage(context.staticDir);
    }
  } catch (error) {
    log.error('Email updates: database error', { status: 503, error: describeError(error) });
    return asJson
      ? json({ errors: [{ field: null, message: t('forms.unavailable.body') }] }, 503)
      : unavailable(services);
  }
}

/** "Nothing was recorded": the database did not take the request. */
async function unavailable(known?: Services): Promise<Response> {
  const settings = known?.settings ?? (await readSiteSettings());
  return unavailablePage(settings, known?.env.STATIC_DIR ?? loadEnv().STATIC_DIR);
}

async function readForm(request: Request): Promise<ParsedSubmission | BadRequestError> {
  try {
    return await parseSubmission(request, MAX_BYTES);
  } catch (error) {
    if (error instanceof BadRequestError) return error;
    throw error;
  }
}

async function subscribe(request: Request, ip: string, services: Services, now: Date): Promise<Response> {
  const asJson = wantsJson(request);
  const staticDir = services.env.STATIC_DIR;
  const body = await readForm(request);
  if (body instanceof BadRequestError) {
    return asJson
      ? json({ errors: [{ field: null, message: body.message }] }, body.status)
      : invalidRequestPage(staticDir, body.status);
  }
  if (isHoneypotFilled(body.fields)) {
    log.warn('Email updates sign-up refused: honeypot filled', { status: 400 });
    return asJson
      ? json({ errors: [{ field: null, message: t('forms.rejected.title') }] }, 400)
      : rejectedPage(services.settings, staticDir);
  }
  const lang = requestLanguage(request, body.fields);
  const result = inLanguage(lang, () => validateForm(subscribeFormSchema(), body.fields));
  if (!result.ok) {
    if (asJson) return json({ errors: result.errors }, 422);
    return subscribeFormWithErrors({ staticDir, lang }, subscribeFormValues(body.fields), result.errors);
  }
  const limited = await limiterFor(services)(ip);
  if (!limited.allowed) {
    log.warn('Email updates sign-up refused: rate limit', { status: 429 });
    return tooManyResponse(services.settings, staticDir, limited.retryAfterSeconds, asJson);
  }
  const outcome = await signUp(services.store.db, services.keyring, result.data, {
    idempotencyKey: idempotencyKeyFor('subscribe', body.fields, ip, services.keyring),
    lang,
    now,
  });
  // Committed: only now may the email go and the page say it was sent.
  if (outcome !== 'repeated') kickOutbox();
  log.info('Email updates sign-up received', { status: 202 });
  // The same answer whatever the outcome, so nobody learns whether an address is on the list.
  return asJson ? json({ sent: true }, 202) : checkEmailPage({ staticDir, lang });
}

async function manage(
  request: Request,
  services: Services,
  context: PageContext,
  token: string,
  now: Date,
): Promise<Response> {
  const current = await findByManageToken(services.store.db, token);
  if (!current) return invalidLinkPage(context);
  if (request.method !== 'POST') return managePage(context, token, current);
  const body = await readForm(request);
  if (body instanceof BadRequestError) return invalidRequestPage(context.staticDir, body.status);
  const result = inLanguage(context.lang, () => validateForm(subscriptionChoicesSchema(), body.fields));
  if (!result.ok) return managePage(context, token, subscribeFormValues(body.fields), result.errors);
  if (!(await changeChoices(services.store.db, token, result.data, now))) return invalidLinkPage(context);
  log.info('Email updates changed', { status: 200 });
  return savedPage(context, token);
}
