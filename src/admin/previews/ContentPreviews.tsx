import { t } from '../../i18n/t.ts';
import { faqGroups } from '../../schemas/faq.ts';
import { date, records, text, texts } from './entry-data.ts';
import { ExampleNotice, IllustrativeNotice, PreviewPage, ReviewDates, Sources } from './PreviewPage.tsx';
import { isOneOf, type PreviewProps } from './preview-props.ts';

/**
 * Previews for the prose content types, each mirroring its page in src/pages (same NHS.UK
 * classes and the same UI strings), so the editor sees what residents will see.
 */

/** src/pages/[slug].astro through ContentLayout.astro. */
export function PagePreview({ data, children, body, target }: PreviewProps) {
  return (
    <PreviewPage readingText={body} target={target} data={data}>
      <h1>{text(data, 'title')}</h1>
      <ExampleNotice data={data} />
      {children}
      <Sources sources={records(data, 'sources')} />
      <ReviewDates lastReviewed={date(data, 'lastReviewed')} nextReviewDue={date(data, 'nextReviewDue')} />
    </PreviewPage>
  );
}

/** One question as /faqs/ shows it, under its group's heading. */
export function FaqPreview({ data, children, body, target }: PreviewProps) {
  const group = text(data, 'group');
  return (
    <PreviewPage readingText={body} target={target} data={data}>
      <h1>{t('site.faqs.title')}</h1>
      <section aria-labelledby="faq-group">
        <h2 id="faq-group">{isOneOf(faqGroups, group) ? t(`site.faqs.group.${group}`) : group}</h2>
        <div className="faq">
          <h3>{text(data, 'question')}</h3>
          {children}
        </div>
      </section>
      <Sources sources={records(data, 'sources')} />
      <ReviewDates lastReviewed={date(data, 'lastReviewed')} nextReviewDue={date(data, 'nextReviewDue')} />
    </PreviewPage>
  );
}

/** src/pages/myths/[slug].astro. */
export function MythPreview({ data, children, body, target }: PreviewProps) {
  return (
    <PreviewPage readingText={body} target={target} data={data}>
      <h1>{text(data, 'myth')}</h1>
      <ExampleNotice data={data} />
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">{t('site.information')}</span>
        <p>
          <strong>{t('site.myths.fact')}</strong> {text(data, 'fact')}
        </p>
      </div>
      {children}
      <Sources sources={records(data, 'sources')} />
      <ReviewDates lastReviewed={date(data, 'lastReviewed')} nextReviewDue={date(data, 'nextReviewDue')} />
    </PreviewPage>
  );
}

/** src/pages/stories/[slug].astro, with IllustrativeNotice.astro. */
export function StoryPreview({ data, children, body, target }: PreviewProps) {
  return (
    <PreviewPage readingText={body} target={target} data={data}>
      <h1>{text(data, 'title')}</h1>
      <p>
        <strong className="nhsuk-tag nhsuk-tag--yellow">{t('site.stories.label')}</strong>
      </p>
      <IllustrativeNotice kind="story" />
      {children}
      <p className="nhsuk-body-s">{t('site.stories.services', { services: texts(data, 'services').join(', ') })}</p>
      <ReviewDates lastReviewed={date(data, 'lastReviewed')} nextReviewDue={date(data, 'nextReviewDue')} />
    </PreviewPage>
  );
}

/**
 * A "you said, we did" response. Its page (/you-said-we-did/) is not built yet, so this follows
 * the NHS.UK pattern the other pages use; the reading age covers what we heard and what we did.
 */
export function ResponsePreview({ data, children, body, target }: PreviewProps) {
  const heard = text(data, 'weHeard');
  const did = text(data, 'weDid');
  return (
    <PreviewPage readingText={[heard, did, body].join('\n\n')} target={target} data={data}>
      <h1>{text(data, 'title')}</h1>
      <ExampleNotice data={data} />
      <p className="update-tags nhsuk-body-s">
        {texts(data, 'themes').map((theme) => (
          <strong key={theme} className="nhsuk-tag nhsuk-tag--grey">
            {theme}
          </strong>
        ))}
      </p>
      <h2>{RESPONSE_HEADINGS.heard}</h2>
      <p>{heard}</p>
      <h2>{RESPONSE_HEADINGS.did}</h2>
      <p>{did}</p>
      {children}
      <ReviewDates lastReviewed={date(data, 'lastReviewed')} nextReviewDue={date(data, 'nextReviewDue')} />
    </PreviewPage>
  );
}

/** Until the /you-said-we-did/ page adds its UI strings to src/i18n, the headings live here. */
const RESPONSE_HEADINGS = { heard: 'You said', did: 'We did' } as const;
