import { z } from 'zod';
import { WRONG_DATES_PER_DAY } from '../../domain/opt-out.ts';
import { type Language, languagePrefix } from '../../i18n/languages.ts';
import { t } from '../../i18n/t.ts';
import { defineTemplate, language, reference, token } from './define-template.ts';

/**
 * Opt-out emails. Like GOV.UK Forms' confirmation emails they hold the reference, links and what
 * happens next, and none of the answers (no name, date of birth, NHS number or address): email is
 * not a safe place for health information, and the address may not be the person's yet.
 */

/** The links' pages answer in the request's language (English needs nothing added). */
const linkLanguage = (lang: Language) => (lang === 'en' ? '' : `&lang=${lang}`);

export const optOutTemplates = {
  /** Sent when a request is saved: the reference, next steps and a link to confirm the address. */
  'opt-out-received': defineTemplate({
    params: z.object({
      reference: reference(),
      /** The confirm-contact token (only its hash is stored with the request). */
      token: token(),
      /** Working days to apply the opt-out, from settings. */
      days: z.string().regex(/^\d+$/),
      /** The scheme's public phone number. */
      phone: z.string().min(6),
      /** The language of the form the resident filled in. */
      lang: language(),
    }),
    render: (params, { siteUrl, schemeName }) => ({
      subject: t('optOut.email.receivedSubject', { scheme: schemeName, reference: params.reference }, params.lang),
      text: t(
        'optOut.email.receivedBody',
        {
          scheme: schemeName,
          reference: params.reference,
          confirm: t(
            'optOut.email.confirmLine',
            { link: `${siteUrl}/api/opt-out/confirm?token=${params.token}${linkLanguage(params.lang)}` },
            params.lang,
          ),
          days: params.days,
          statusUrl: `${siteUrl}${languagePrefix(params.lang)}/opt-out/status/`,
          phone: params.phone,
        },
        params.lang,
      ),
    }),
  }),
  /**
   * Sent once when status look-ups for a reference are paused after too many wrong dates of
   * birth (src/server/opt-out/status-limit.ts): the owner learns someone is trying, and that
   * nothing changed.
   */
  'opt-out-status-locked': defineTemplate({
    params: z.object({ reference: reference(), phone: z.string().min(6), lang: language() }),
    render: (params, { schemeName }) => ({
      subject: t('optOut.email.statusLockedSubject', { scheme: schemeName, reference: params.reference }, params.lang),
      text: t(
        'optOut.email.statusLockedBody',
        { reference: params.reference, limit: String(WRONG_DATES_PER_DAY), phone: params.phone },
        params.lang,
      ),
    }),
  }),
  /** Sent when someone asks to withdraw: a link to confirm it, so nobody opts someone back in unnoticed. */
  'opt-out-withdraw': defineTemplate({
    params: z.object({ reference: reference(), token: token(), phone: z.string().min(6), lang: language() }),
    render: (params, { siteUrl, schemeName }) => ({
      subject: t('optOut.email.withdrawSubject', { scheme: schemeName, reference: params.reference }, params.lang),
      text: t(
        'optOut.email.withdrawBody',
        {
          reference: params.reference,
          link: `${siteUrl}/api/opt-out/withdraw/confirm?token=${params.token}${linkLanguage(params.lang)}`,
          phone: params.phone,
        },
        params.lang,
      ),
    }),
  }),
};
