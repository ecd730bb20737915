import '../src/server/start-check.ts';
import { todayInLondon } from '../src/domain/calendar-date.ts';
import { validateForm } from '../src/forms/validation.ts';
import { t } from '../src/i18n/t.ts';
import { optOutStatusSchema } from '../src/schemas/forms/opt-out-status.ts';
import { BadRequestError, parseSubmission } from '../src/server/http/form-request.ts';
import type { FunctionConfig, FunctionContext } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { invalidRequestPage } from '../src/server/http/service-pages.tsx';
import { log } from '../src/server/log.ts';
import { kickOutbox } from '../src/server/mail/outbox-timer.ts';
import { openServices, rateLimit, tooMany, unavailable } from '../src/server/opt-out/http.ts';
import { messagePage, statusFormPage } from '../src/server/opt-out/pages.tsx';
import { requestWithdrawal } from '../src/server/opt-out/status.ts';
import { lookUpWithinLimit, tooManyTries } from '../src/server/opt-out/status-limit.ts';

/**
 * POST /api/opt-out/withdraw: from the status page, ask to opt back in. The reference and date
 * of birth are checked again (they come back as hidden fields, never in the URL), then the
 * withdrawal is confirmed by an emailed link, or by staff calling when there is no email.
 */
async function optOutWithdraw(request: Request, context?: FunctionContext): Promise<Response> {
  const services = await openServices(false);
  if (services instanceof Response) return services;
  let fields: Record<string, unknown>;
  try {
    fields = (await parseSubmission(request, 16 * 1024)).fields;
  } catch (error) {
    if (error instanceof BadRequestError) return invalidRequestPage(services.env.STATIC_DIR, error.status);
    throw error;
  }
  const text = (name: string) => (typeof fields[name] === 'string' ? fields[name] : '');
  const values = {
    reference: text('reference'),
    dateOfBirthDay: text('dateOfBirthDay'),
    dateOfBirthMonth: text('dateOfBirthMonth'),
    dateOfBirthYear: text('dateOfBirthYear'),
  };
  try {
    const limit = await rateLimit(services, 'opt-out-status', context);
    if (!limit.allowed) return tooMany(services, false, limit.retryAfterSeconds);
    const result = validateForm(optOutStatusSchema({ today: todayInLondon(new Date()) }), values);
    const deps = { db: services.store.db, keyring: services.keyring, settings: services.settings };
    // The same per-reference limit as the status check: this form also answers to a right date.
    const found = result.ok
      ? await lookUpWithinLimit(services, result.data.reference, async () => {
          const asked = await requestWithdrawal(deps, result.data);
          return asked === 'not-found' ? undefined : asked;
        })
      : ({ outcome: 'not-found' } as const);
    if (found.outcome === 'locked') return tooManyTries(services, false, values);
    const outcome = found.outcome === 'found' ? found.value : 'not-found';
    if (outcome === 'not-found') {
      return statusFormPage(services, {
        values,
        errors: [{ field: 'reference', message: t('optOut.status.notFound') }],
      });
    }
    log.info('Opt-out withdrawal asked for', { reference: values.reference.toUpperCase(), status: 200 });
    if (outcome === 'email-sent') {
      kickOutbox();
      return messagePage(services, { title: t('optOut.withdraw.emailTitle'), lines: [t('optOut.withdraw.emailBody')] });
    }
    if (outcome === 'staff-will-call') {
      return messagePage(services, { title: t('optOut.withdraw.phoneTitle'), lines: [t('optOut.withdraw.phoneBody')] });
    }
    return messagePage(services, { title: t('optOut.status.withdrawn'), lines: [t('optOut.status.withdrawnText')] });
  } catch (error) {
    return unavailable(false, error, services);
  }
}

// Netlify applies no custom headers to function answers: each one carries its own. A post from
// another site is refused before the handler runs (same-origin.tsx).
export default secureFunction(sameOriginOnly(optOutWithdraw));

export const config: FunctionConfig = { path: '/api/opt-out/withdraw', method: 'POST' };
