import type { ReactNode } from 'react';
import { formatDate, t } from '../../i18n/t.ts';
import { AbsoluteClaimsCheck } from './AbsoluteClaimsCheck.tsx';
import { type EntryData, flag, record, text } from './entry-data.ts';
import { ReadingAgeCheck } from './ReadingAgeCheck.tsx';
import { editorStrings } from './strings.ts';

interface Props {
  children: ReactNode;
  /** Text to score for reading age; leave out for entries that are not prose (settings, organisations). */
  readingText?: string | undefined;
  /** The site's reading-age target (content/settings/site.yaml). */
  target: number;
  /** The entry's data, for its reading-age exception. */
  data?: EntryData;
}

/**
 * The page shell of BaseLayout.astro (width container, <main>, two-thirds column) without the
 * header and footer, which an entry cannot change. The reading-age and absolute-claims checks sit
 * above the page.
 */
export function PreviewPage({ children, readingText, target, data = {} }: Props) {
  const allowed = record(data, 'readingAge')['maxReadingAge'];
  const exception = typeof allowed === 'number' && Number.isInteger(allowed) ? allowed : undefined;
  return (
    <div className="nhsuk-width-container">
      {readingText !== undefined && (
        <ReadingAgeCheck markdown={readingText} target={exception ?? target} exception={exception} />
      )}
      {readingText !== undefined && <AbsoluteClaimsCheck markdown={readingText} data={data} />}
      <main className="nhsuk-main-wrapper" id="maincontent">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">{children}</div>
        </div>
      </main>
    </div>
  );
}

/** ReviewDates.astro in React. */
export function ReviewDates({
  lastReviewed,
  nextReviewDue,
}: {
  lastReviewed: Date | undefined;
  nextReviewDue: Date | undefined;
}) {
  const show = (date?: Date) => (date ? formatDate(date) : editorStrings.notSet);
  return (
    <div className="review-dates nhsuk-body-s">
      <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">{t('review.lastReviewed', { date: show(lastReviewed) })}</p>
      <p className="nhsuk-body-s">{t('review.nextReviewDue', { date: show(nextReviewDue) })}</p>
    </div>
  );
}

/** Sources.astro in React. */
export function Sources({ sources }: { sources: EntryData[] }) {
  const complete = sources.filter((source) => text(source, 'url') !== '');
  if (complete.length === 0) return null;
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading" className="nhsuk-heading-s">
        {t('sources.heading')}
      </h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {complete.map((source) => (
          <li key={text(source, 'url')}>
            <a href={text(source, 'url')}>{text(source, 'title') || text(source, 'url')}</a> (
            {text(source, 'publisher')})
          </li>
        ))}
      </ul>
    </section>
  );
}

/** IllustrativeNotice.astro: a made-up story ("story"), or an entry marked `example: true` ("example"). */
export function IllustrativeNotice({ kind }: { kind: 'story' | 'example' }) {
  return (
    <div className="nhsuk-card nhsuk-card--warning">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading">
          <span className="nhsuk-u-visually-hidden">{t('site.important')}</span>
          {kind === 'story' ? t('site.stories.illustrativeHeading') : t('site.example.heading')}
        </h2>
        <p className="nhsuk-card__description">
          {kind === 'story' ? t('site.stories.illustrative') : t('site.example.text')}
        </p>
      </div>
    </div>
  );
}

/** The example notice, shown only on an entry marked `example: true`. */
export function ExampleNotice({ data }: { data: EntryData }) {
  return flag(data, 'example') ? <IllustrativeNotice kind="example" /> : null;
}
