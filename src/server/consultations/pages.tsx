import type { ReactNode } from 'react';
import type { ShownConsultation } from '../../domain/consultation-translation.ts';
import { ConfirmationPage } from '../../forms/components/ConfirmationPage.tsx';
import { ConsultationForm } from '../../forms/consultations/ConsultationForm.tsx';
import type { FieldError } from '../../forms/validation.ts';
import { formatDate, inLanguage, type Language, t } from '../../i18n/t.ts';
import type { ConsultationData } from '../../schemas/consultation.ts';
import type { ConsultationFormValues } from '../../schemas/forms/consultation-answer.ts';
import { pathIn } from '../../utils/language-paths.ts';
import { renderPage } from '../http/page.ts';

/** Where each page is drawn: the site's shell, in the resident's language. */
export interface PageContext {
  staticDir: string;
  lang: Language;
}

const column = (children: ReactNode) => (
  <div className="nhsuk-grid-row">
    <div className="nhsuk-grid-column-two-thirds">{children}</div>
  </div>
);

/** "31 January 2027": a consultation's opening or closing day in words. */
export const dayInWords = (date: Date) => formatDate(date);

/**
 * The consultation's form again (no JavaScript): the error summary, each message by its question,
 * every answer kept. A fresh idempotency key, so pressing the button twice here saves one answer.
 * The questions are in the language of the page the resident answered (shownConsultation).
 */
export function answerFormWithErrors(
  context: PageContext,
  slug: string,
  consultation: ShownConsultation,
  values: ConsultationFormValues,
  errors: readonly FieldError[],
) {
  return renderPage({
    title: `${t('forms.errorTitlePrefix', {}, context.lang)}${consultation.title}`,
    status: 422,
    staticDir: context.staticDir,
    lang: context.lang,
    body: column(
      <>
        <h1>{consultation.title}</h1>
        <ConsultationForm
          slug={slug}
          consultation={consultation}
          values={values}
          errors={errors}
          summaryErrors={errors}
          idempotencyKey={crypto.randomUUID()}
        />
      </>,
    ),
  });
}

/** After the answers are committed: the reference, when the results come, and the truth about the results email. */
export function answerSavedPage(
  context: PageContext,
  slug: string,
  consultation: ConsultationData,
  saved: { reference: string; emailGiven: boolean },
) {
  // The words are looked up here, before renderPage renders: in the answer's language, not English.
  return inLanguage(context.lang, () =>
    renderPage({
      title: t('consultations.done.title', {}, context.lang),
      staticDir: context.staticDir,
      lang: context.lang,
      body: (
        <ConfirmationPage
          title={t('consultations.done.title')}
          label={t('consultations.done.reference')}
          reference={saved.reference}
        >
          <p>{t('consultations.done.body')}</p>
          <p>{t('consultations.done.results', { closes: dayInWords(consultation.closes) })}</p>
          {saved.emailGiven ? <p>{t('consultations.done.email')}</p> : null}
          <p>
            <a href={pathIn(context.lang, `/consultations/${slug}/`)}>{t('consultations.done.back')}</a>
          </p>
        </ConfirmationPage>
      ),
    }),
  );
}

/**
 * Answers refused in plain words: before the opening day, after the closing day, or for an address
 * that is no consultation. Each says nothing was saved, so nobody thinks their answers count.
 */
export function answerRefusedPage(
  context: PageContext,
  reason: 'not-open' | 'closed' | 'unknown',
  consultation?: ConsultationData,
) {
  return inLanguage(context.lang, () => refusedPage(context, reason, consultation));
}

function refusedPage(context: PageContext, reason: 'not-open' | 'closed' | 'unknown', consultation?: ConsultationData) {
  const [title, body] =
    reason === 'not-open' && consultation
      ? [
          t('consultations.refused.notOpenTitle'),
          t('consultations.refused.notOpenBody', { opens: dayInWords(consultation.opens) }),
        ]
      : reason === 'closed' && consultation
        ? [
            t('consultations.refused.closedTitle'),
            t('consultations.refused.closedBody', { closes: dayInWords(consultation.closes) }),
          ]
        : [t('consultations.refused.unknownTitle'), t('consultations.refused.unknownBody')];
  return renderPage({
    title,
    // 409 (the consultation is not in a state to take answers) and 404 for no such consultation.
    status: reason === 'unknown' ? 404 : 409,
    staticDir: context.staticDir,
    lang: context.lang,
    body: column(
      <>
        <h1>{title}</h1>
        <p>{body}</p>
        <p>
          <a href={pathIn(context.lang, '/consultations/')}>{t('consultations.refused.seeAll')}</a>
        </p>
      </>,
    ),
  });
}
