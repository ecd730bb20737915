import { todayInLondon } from '../../domain/calendar-date.ts';
import { validateForm } from '../../forms/validation.ts';
import { requestLanguage } from '../../i18n/request-language.ts';
import { inLanguage, type Language, t } from '../../i18n/t.ts';
import { optOutStatusSchema } from '../../schemas/forms/opt-out-status.ts';
import type { FunctionContext } from '../http/function-module.ts';
import { jsonErrors } from '../http/responses.ts';
import { log } from '../log.ts';
import { kickOutbox } from '../mail/outbox-timer.ts';
import type { Services } from '../services.ts';
import { depsOf, isJsonRequest, startPost, unavailable } from './http.ts';
import { jsonToFormFields } from './json-input.ts';
import { messagePage, statusFormPage, statusResultPage } from './pages.tsx';
import { findStatus, requestWithdrawal } from './status.ts';
import { lookUpWithinLimit, tooManyTries } from './status-limit.ts';

type StatusValues = Record<'reference' | 'dateOfBirthDay' | 'dateOfBirthMonth' | 'dateOfBirthYear', string>;

/**
 * What both status forms start with: the services, the reference and date of birth as typed
 * (shown back on the form), and one try counted against the caller's status limit. Every try
 * counts, right or wrong, so nobody can find out which references exist or guess a date of birth.
 */
async function startStatusForm(
  request: Request,
  json: boolean,
  context?: FunctionContext,
): Promise<Response | { services: Services & { lang: Language }; values: StatusValues }> {
  const started = await startPost(
    request,
    { json, maxBytes: 16 * 1024, honeypot: false, scope: 'opt-out-status' },
    context,
  );
  if (started instanceof Response) return started;
  const { services, parsed } = started;
  const { fields } = jsonToFormFields(parsed.fields);
  const values: StatusValues = {
    reference: fields['reference'] ?? '',
    dateOfBirthDay: fields['dateOfBirthDay'] ?? '',
    dateOfBirthMonth: fields['dateOfBirthMonth'] ?? '',
    dateOfBirthYear: fields['dateOfBirthYear'] ?? '',
  };
  // The status form's hidden `lang`: its answer comes back in the language it was asked in.
  return { services: { ...services, lang: requestLanguage(request, parsed.fields) }, values };
}

const checkStatusForm = (values: StatusValues, lang: Language) =>
  inLanguage(lang, () => validateForm(optOutStatusSchema({ today: todayInLondon(new Date()) }), values));

/**
 * POST /api/opt-out/status: reference + date of birth → the status and its dates. An unknown
 * reference and a wrong date of birth get the same answer; a reference with too many wrong dates
 * in a day is paused and its owner told (status-limit.ts).
 */
export async function handleStatus(request: Request, context?: FunctionContext): Promise<Response> {
  const json = isJsonRequest(request);
  const started = await startStatusForm(request, json, context);
  if (started instanceof Response) return started;
  const { services, values } = started;
  try {
    const result = checkStatusForm(values, services.lang);
    if (!result.ok)
      return json ? jsonErrors(result.errors, 422) : statusFormPage(services, { values, errors: result.errors });
    const deps = depsOf(services);
    const found = await lookUpWithinLimit(services, result.data.reference, () => findStatus(deps, result.data));
    if (found.outcome === 'locked') return tooManyTries(services, json, values);
    if (found.outcome === 'not-found') {
      const errors = [{ field: 'reference', message: t('optOut.status.notFound', {}, services.lang) }];
      return json ? jsonErrors(errors, 404) : statusFormPage(services, { values, errors });
    }
    if (json) return Response.json(found.value, { headers: { 'Cache-Control': 'no-store' } });
    return statusResultPage(services, found.value, values);
  } catch (error) {
    return unavailable(json, error, services);
  }
}

/**
 * POST /api/opt-out/withdraw: from the status page, ask to opt back in. The reference and date
 * of birth are checked again (they come back as hidden fields, never in the URL), then the
 * withdrawal is confirmed by an emailed link, or by staff calling when there is no email.
 */
export async function handleWithdraw(request: Request, context?: FunctionContext): Promise<Response> {
  const started = await startStatusForm(request, false, context);
  if (started instanceof Response) return started;
  const { services, values } = started;
  try {
    const result = checkStatusForm(values, services.lang);
    const deps = depsOf(services);
    // The same per-reference limit as the status check: this form also answers to a right date.
    const found = result.ok
      ? await lookUpWithinLimit(services, result.data.reference, async () => {
          const asked = await requestWithdrawal(deps, result.data);
          return asked === 'not-found' ? undefined : asked;
        })
      : ({ outcome: 'not-found' } as const);
    if (found.outcome === 'locked') return tooManyTries(services, false, values);
    if (found.outcome === 'not-found') {
      return statusFormPage(services, {
        values,
        errors: [{ field: 'reference', message: t('optOut.status.notFound', {}, services.lang) }],
      });
    }
    log.info('Opt-out withdrawal asked for', { reference: values.reference.toUpperCase(), status: 200 });
    if (found.value === 'email-sent') {
      kickOutbox();
      return messagePage(services, () => ({
        title: t('optOut.withdraw.emailTitle'),
        lines: [t('optOut.withdraw.emailBody')],
      }));
    }
    if (found.value === 'staff-will-call') {
      return messagePage(services, () => ({
        title: t('optOut.withdraw.phoneTitle'),
        lines: [t('optOut.withdraw.phoneBody')],
      }));
    }
    return messagePage(services, () => ({
      title: t('optOut.status.withdrawn'),
      lines: [t('optOut.status.withdrawnText')],
    }));
  } catch (error) {
    return unavailable(false, error, services);
  }
}
