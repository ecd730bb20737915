import { z } from 'zod';
import { FEEDBACK_TYPES } from '../../domain/feedback.ts';
import { languagePrefix } from '../../i18n/languages.ts';
import { t } from '../../i18n/t.ts';
import { defineTemplate, language } from './define-template.ts';

/**
 * The acknowledgement sent when someone who gave an email address uses the contact form. Like
 * GOV.UK Forms' confirmation emails it holds the reference, what happens next and by when — and
 * none of what they wrote, because email is not a safe place for a health complaint.
 *
 * templates.ts spreads these into its `templates` object, so this module imports only its types:
 * calling its `defineTemplate` here would be a circular import that runs before it is defined.
 */

export const feedbackTemplates = {
  'feedback-acknowledgement': defineTemplate({
    params: z.object({
      /** The item's reference. */
      reference: z.string().min(8).max(8),
      /** The item's type, which decides the "what happens next" line. */
      type: z.enum(FEEDBACK_TYPES),
      /** The due date as words ("2 December 2026"), or empty when no clock runs. */
      dueDate: z.string(),
      /** The language of the contact form the resident filled in (the due date is written in it too). */
      lang: language(),
    }),
    render: ({ reference, type, dueDate, lang }, { schemeName, siteUrl }) => {
      const next =
        type === 'complaint' || type === 'rights-request'
          ? t(`feedback.email.next.${type}`, { date: dueDate }, lang)
          : dueDate !== ''
            ? t('feedback.email.next.question', { date: dueDate }, lang)
            : t('feedback.email.next.thanks', {}, lang);
      return {
        subject: t('feedback.email.subject', { scheme: schemeName, reference }, lang),
        text: [
          t('feedback.email.intro', { reference }, lang),
          next,
          t('feedback.email.privacy', {}, lang),
          t('feedback.email.quote', {}, lang),
          `${siteUrl}${languagePrefix(lang)}/contact/`,
          t('feedback.email.ico', {}, lang),
          t('feedback.email.notYou', {}, lang),
          schemeName,
        ].join('\n\n'),
      };
    },
  }),
};
