import { z } from 'zod';
import { isCalendarDate } from '../../domain/calendar-date.ts';
import { intlLocale, languagePrefix } from '../../i18n/languages.ts';
import { t } from '../../i18n/t.ts';
import { defineTemplate, language, reference } from './define-template.ts';

/**
 * "Your opt-out is in place": sent when the objection is applied, whichever way staff record it
 * (one request's page, a bulk step, or the record platform's confirmation file: all go through
 * takeStepsWithin). Like the other opt-out emails it holds the reference and what it means, and
 * none of the answers (no name, date of birth, NHS number or address).
 */
export const optOutAppliedTemplates = {
  'opt-out-applied': defineTemplate({
    params: z.object({
      reference: reference(),
      /** The day it was applied in the record (YYYY-MM-DD). */
      appliedOn: z.string().refine(isCalendarDate, 'Not a date'),
      /** The scheme's public phone number. */
      phone: z.string().min(6),
      /** The language of the form the resident filled in. */
      lang: language(),
    }),
    render: (params, { siteUrl, schemeName }) => ({
      subject: t('optOut.email.appliedSubject', { scheme: schemeName, reference: params.reference }, params.lang),
      text: t(
        'optOut.email.appliedBody',
        {
          scheme: schemeName,
          reference: params.reference,
          date: new Date(`${params.appliedOn}T12:00:00Z`).toLocaleDateString(intlLocale(params.lang), {
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            timeZone: 'Europe/London',
          }),
          statusUrl: `${siteUrl}${languagePrefix(params.lang)}/opt-out/status/`,
          phone: params.phone,
        },
        params.lang,
      ),
    }),
  }),
};
