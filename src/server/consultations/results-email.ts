import { z } from 'zod';
import { resultsPath } from '../../domain/consultation-paths.ts';
import { isConsultationSlug } from '../../domain/consultations.ts';
import { DEFAULT_LANGUAGE, type Language, t } from '../../i18n/t.ts';
import { defineTemplate, language } from '../mail/define-template.ts';

/**
 * The results page in `page`'s language: the email links straight to it, with nothing added to
 * count clicks. /pl/ or /ur/ when the consultation is translated into the reader's language
 * (results-sender.ts decides), else the English page.
 */
export const resultsUrl = (siteUrl: string, slug: string, page: Language = DEFAULT_LANGUAGE) =>
  `${siteUrl}${resultsPath(slug, page)}`;

/**
 * "The results are ready": the consultation's title and a plain link to its results page, in the
 * language of the form the person answered, and nothing about them or their answers. No
 * List-Unsubscribe header: results-sender.ts deletes the address as it queues this, so there is no
 * list to leave (docs/consultations.md, "The results email").
 */
export const consultationTemplates = {
  'consultation-results': defineTemplate({
    params: z.object({
      slug: z.string().refine(isConsultationSlug),
      title: z.string().min(1),
      lang: language(),
      /** The language of the results page linked; a message queued before it existed links the English page. */
      page: language(),
    }),
    render: (params, context) => {
      const url = resultsUrl(context.siteUrl, params.slug, params.page);
      // A Polish or Urdu email linking the English page says so under the link.
      const link =
        params.page === params.lang ? url : `${url}\n${t('consultations.email.resultsInEnglish', {}, params.lang)}`;
      return {
        subject: t('consultations.email.resultsSubject', { title: params.title }, params.lang),
        text: t(
          'consultations.email.resultsBody',
          { title: params.title, link, scheme: context.schemeName },
          params.lang,
        ),
      };
    },
  }),
};
