import type { ReactNode } from 'react';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import type { FeedbackType } from '../../domain/feedback.ts';
import { ContactConfirmation } from '../../forms/feedback/ContactConfirmation.tsx';
import { ContactForm } from '../../forms/feedback/ContactForm.tsx';
import { PageHelpfulComment, PageHelpfulDone } from '../../forms/feedback/PageHelpfulForms.tsx';
import type { FieldError } from '../../forms/validation.ts';
import { formatDate, inLanguage, type Language, t } from '../../i18n/t.ts';
import type { FeedbackFormValues } from '../../schemas/forms/feedback.ts';
import type { SettingsData } from '../../schemas/settings.ts';
import { renderPage } from '../http/page.ts';

/** "2 December 2026" for a calendar date, the GOV.UK way. */
export const formatCalendarDate = (date: CalendarDate) => formatDate(new Date(`${date}T00:00:00Z`));

const column = (children: ReactNode) => (
  <div className="nhsuk-grid-row">
    <div className="nhsuk-grid-column-two-thirds">{children}</div>
  </div>
);

/**
 * The contact form again, with the error summary, each message beside its field and what was
 * typed kept. A fresh idempotency key means pressing the button twice on this page still makes
 * one item.
 */
export function contactFormWithErrors(
  values: FeedbackFormValues,
  errors: readonly FieldError[],
  staticDir: string,
  lang: Language = 'en',
): Promise<Response> {
  return renderPage({
    title: `${t('forms.errorTitlePrefix', {}, lang)}${t('feedback.page.title', {}, lang)}`,
    status: 422,
    staticDir,
    lang,
    body: column(
      <>
        <h1>{t('feedback.page.title')}</h1>
        <ContactForm values={values} errors={errors} summaryErrors={errors} idempotencyKey={crypto.randomUUID()} />
      </>,
    ),
  });
}

/** The confirmation with the reference and what happens next. */
export function contactConfirmation(
  saved: { reference: string; acknowledgeBy: CalendarDate | null; respondBy: CalendarDate | null },
  submission: { type: FeedbackType; replyWanted: boolean; emailSent: boolean },
  settings: SettingsData,
  staticDir: string,
  lang: Language = 'en',
): Promise<Response> {
  const due = saved.acknowledgeBy ?? saved.respondBy;
  return renderPage({
    title: t('feedback.confirmation.title', {}, lang),
    staticDir,
    lang,
    body: (
      <ContactConfirmation
        reference={saved.reference}
        type={submission.type}
        dueDate={due ? inLanguage(lang, () => formatCalendarDate(due)) : null}
        replyWanted={submission.replyWanted}
        emailSent={submission.emailSent}
        phone={settings.contact.phone}
        phoneHours={settings.contact.phoneHours}
      />
    ),
  });
}

/**
 * After a vote without JavaScript: thanks, and the optional comment box, in the language of the
 * page the vote came from (its posted `lang`), in that language's shell (Urdu right to left).
 */
export function pageHelpfulCommentPage(
  props: { path: string; helpful: 'yes' | 'no'; followUp: string; value?: string; errors?: readonly FieldError[] },
  staticDir: string,
  lang: Language = 'en',
): Promise<Response> {
  const hasErrors = (props.errors?.length ?? 0) > 0;
  return renderPage({
    title: `${hasErrors ? t('forms.errorTitlePrefix', {}, lang) : ''}${t('feedback.helpful.thanksTitle', {}, lang)}`,
    status: hasErrors ? 422 : 200,
    staticDir,
    lang,
    body: column(<PageHelpfulComment {...props} headingLevel={1} />),
  });
}

/** After the comment without JavaScript, in the vote's language. */
export function pageHelpfulDonePage(path: string, staticDir: string, lang: Language = 'en'): Promise<Response> {
  return renderPage({
    title: t('feedback.helpful.thanksTitle', {}, lang),
    staticDir,
    lang,
    body: column(<PageHelpfulDone path={path} headingLevel={1} />),
  });
}
