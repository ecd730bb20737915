import { z } from 'zod';
import { isConsultationSlug } from '../../domain/consultations.ts';
import { t } from '../../i18n/t.ts';
import { defineTemplate, language } from '../mail/define-template.ts';

/**
 * The results page: the email links straight to it, with nothing added to count clicks. Always the
 * English address, in every language: the page's substance (the questions, options, quotes and
 * summary) is English content with no translation, so the Polish and Urdu emails say the page is in
 * English rather than link a page that would be read out in the wrong voice (docs/consultations.md).
 */
export const resultsUrl = (siteUrl: string, slug: string) => `${siteUrl}/consultations/${slug}/results/`;

/**
 * The one email a person who answered a consultation may ask for: the results are ready. It
 * carries the consultation's title and a plain link to its results page, and nothing about the
 * person or what they answered. Plain text, no images: nothing tracks opening. Queued by
 * results-sender.ts, which deletes the address in the same transaction, so there is no list to
 * unsubscribe from and no List-Unsubscribe header. Written in the language of the form the person
 * answered (`lang`, kept with their address); a message queued without one is English.
 */
export const consultationTemplates = {
  'consultation-results': defineTemplate({
    params: z.object({ slug: z.string().refine(isConsultationSlug), title: z.string().min(1), lang: language() }),
    render: (params, context) => ({
      subject: t('consultations.email.resultsSubject', { title: params.title }, params.lang),
      text: t(
        'consultations.email.resultsBody',
        { title: params.title, link: resultsUrl(context.siteUrl, params.slug), scheme: context.schemeName },
        params.lang,
      ),
    }),
  }),
};
