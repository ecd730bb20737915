import type { FormEvent, Ref } from 'react';
import { currentLanguage, type Language, t } from '../../i18n/t.ts';
import { pathIn } from '../../utils/language-paths.ts';
import { Button, ErrorSummary, LanguageField, Textarea } from '../components/index.ts';
import { LanguageScope } from '../LanguageScope.tsx';
import type { FieldError } from '../validation.ts';

/**
 * "Was this page helpful?": two buttons in one form. Each button's accessible name says the whole
 * answer ("Yes, this page was helpful"), because a screen reader user tabbing to a lone "No" would
 * not know what it answers. Written in the reader's language, which it posts (LanguageField) as the
 * contact form does, so the thank-you page and comment box come back in it.
 */
export function PageHelpfulVote({
  path,
  lang,
  onSubmit,
}: {
  path: string;
  lang: Language;
  onSubmit?: ((event: FormEvent<HTMLFormElement>) => void) | undefined;
}) {
  return (
    <LanguageScope lang={lang}>
      <PageHelpfulVoteForm path={path} onSubmit={onSubmit} />
    </LanguageScope>
  );
}

function PageHelpfulVoteForm({
  path,
  onSubmit,
}: {
  path: string;
  onSubmit?: ((event: FormEvent<HTMLFormElement>) => void) | undefined;
}) {
  return (
    <form action="/api/feedback" method="post" className="clearshare-page-helpful__form" onSubmit={onSubmit}>
      <input type="hidden" name="kind" value="page-helpful" />
      <input type="hidden" name="path" value={path} />
      <LanguageField />
      <h2 className="nhsuk-heading-s" id="page-helpful-heading">
        {t('feedback.helpful.legend')}
      </h2>
      <div className="clearshare-page-helpful__buttons">
        {(['yes', 'no'] as const).map((answer) => (
          <button
            key={answer}
            className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
            type="submit"
            name="helpful"
            value={answer}
          >
            {t(`feedback.helpful.${answer}`)}
            <span className="nhsuk-u-visually-hidden">{t(`feedback.helpful.${answer}Hidden`)}</span>
          </button>
        ))}
      </div>
    </form>
  );
}

interface CommentProps {
  path: string;
  helpful: 'yes' | 'no';
  followUp: string;
  /** h1 on its own page (no JavaScript); h2 when it replaces the buttons inside a content page. */
  headingLevel: 1 | 2;
  headingRef?: Ref<HTMLHeadingElement> | undefined;
  value?: string | undefined;
  errors?: readonly FieldError[] | undefined;
  onSubmit?: ((event: FormEvent<HTMLFormElement>) => void) | undefined;
}

/** After a vote: thanks, and an optional comment box. Nothing personal is asked for. */
export function PageHelpfulComment({
  path,
  helpful,
  followUp,
  headingLevel,
  headingRef,
  value,
  errors = [],
  onSubmit,
}: CommentProps) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <>
      <ErrorSummary errors={errors} />
      <Heading className={headingLevel === 1 ? undefined : 'nhsuk-heading-s'} tabIndex={-1} ref={headingRef}>
        {t('feedback.helpful.thanksTitle')}
      </Heading>
      <form action="/api/feedback" method="post" onSubmit={onSubmit}>
        <input type="hidden" name="kind" value="page-helpful-comment" />
        <input type="hidden" name="path" value={path} />
        <input type="hidden" name="followUp" value={followUp} />
        <input type="hidden" name="helpful" value={helpful} />
        <LanguageField />
        <Textarea
          name="comment"
          rows={4}
          maxLength={1000}
          label={t(`feedback.helpful.comment.label.${helpful}`)}
          hint={t('feedback.helpful.comment.hint')}
          value={value}
          error={errors[0]?.message}
        />
        <Button>{t('feedback.helpful.comment.submit')}</Button>
      </form>
      <p>
        <a href={pathIn(currentLanguage(), '/contact/')}>{t('feedback.helpful.contactLink')}</a>
      </p>
    </>
  );
}

/** The last step: thanks, and the way back to the page. */
export function PageHelpfulDone({
  path,
  headingLevel,
  headingRef,
}: {
  path: string;
  headingLevel: 1 | 2;
  headingRef?: Ref<HTMLHeadingElement> | undefined;
}) {
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <>
      <Heading className={headingLevel === 1 ? undefined : 'nhsuk-heading-s'} tabIndex={-1} ref={headingRef}>
        {t('feedback.helpful.thanksTitle')}
      </Heading>
      <p>{t('feedback.helpful.done')}</p>
      {headingLevel === 1 ? (
        <p>
          <a href={path}>{t('feedback.helpful.backToPage')}</a>
        </p>
      ) : null}
    </>
  );
}
