import { sharingIsComing } from '../../domain/sharing-notice.ts';
import { formatDate, t } from '../../i18n/t.ts';
import { organisationTypes } from '../../schemas/organisation.ts';
import { updateTags } from '../../schemas/update.ts';
import { formatClock, formatDay } from '../../utils/london-time.ts';
import { date, type EntryData, flag, record, records, text, texts } from './entry-data.ts';
import { ExampleNotice, PreviewPage } from './PreviewPage.tsx';
import { isOneOf, type PreviewProps } from './preview-props.ts';

/** Previews for news, events and the data-like types (organisations, settings, the decision aid). */

/** src/pages/updates/[slug].astro with UpdateTags.astro ("newly shared" first, in orange). */
export function UpdatePreview({ data, children, body, target }: PreviewProps) {
  const published = date(data, 'date');
  const starts = date(data, 'sharingStarts');
  const tags = texts(data, 'tags').filter((tag) => isOneOf(updateTags, tag));
  const ordered = [...tags].sort((a, b) => Number(b === 'newly-shared') - Number(a === 'newly-shared'));
  return (
    <PreviewPage readingText={body} target={target} data={data}>
      <h1>{text(data, 'title')}</h1>
      {published && (
        <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
          {t('site.updates.published', { date: formatDate(published) })}
        </p>
      )}
      {ordered.length > 0 && (
        <p className="update-tags nhsuk-body-s">
          <span className="nhsuk-u-visually-hidden">{t('site.updates.tags')} </span>
          {ordered.map((tag) => (
            <strong
              key={tag}
              className={`nhsuk-tag ${tag === 'newly-shared' ? 'nhsuk-tag--orange' : 'nhsuk-tag--grey'}`}
            >
              {isOneOf(updateTags, tag) ? t(`site.updateTag.${tag}`) : tag}
            </strong>
          ))}
        </p>
      )}
      {starts && sharingIsComing(starts, new Date()) && (
        <p className="nhsuk-body nhsuk-u-font-weight-bold">
          {t('site.updates.comingOn', { date: formatDate(starts) })}{' '}
          <a href="/opt-out/">{t('site.updates.comingOptOut')}</a>
        </p>
      )}
      <ExampleNotice data={data} />
      {children}
    </PreviewPage>
  );
}

/** "Thursday 3 December 2026, 6:30pm to 8pm", or nothing while a time is missing. */
function eventTime(start: string, end: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(start) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(end)) return '';
  return t('site.events.time', { day: formatDay(start), start: formatClock(start), end: formatClock(end) });
}

/** src/pages/events/[slug].astro. */
export function EventPreview({ data, children, body, target }: PreviewProps) {
  const venue = record(data, 'venue');
  const bookingUrl = text(data, 'bookingUrl');
  return (
    <PreviewPage readingText={body} target={target} data={data}>
      <h1>{text(data, 'title')}</h1>
      <p className="nhsuk-lede-text">{text(data, 'summary')}</p>
      <ExampleNotice data={data} />
      <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{t('site.events.when')}</h2>
      <p>
        <time dateTime={text(data, 'start')}>{eventTime(text(data, 'start'), text(data, 'end'))}</time>
      </p>
      <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{t('site.events.where')}</h2>
      <p>
        {text(venue, 'name')}
        <br />
        {text(venue, 'address')}
        <br />
        {text(venue, 'postcode')}
      </p>
      <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{t('site.events.access')}</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {texts(data, 'accessibility').map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">{t('site.events.booking')}</h2>
      <p>
        {flag(data, 'bookingRequired') ? t('site.events.bookingRequired') : t('site.events.bookingNotRequired')}
        {bookingUrl && (
          <>
            {' '}
            <a href={bookingUrl}>{t('site.events.bookLink')}</a>
          </>
        )}
      </p>
      {children}
    </PreviewPage>
  );
}

/** One row of the table on /organisations/ (OrganisationTable.astro). */
export function OrganisationPreview({ data, target }: PreviewProps) {
  const type = text(data, 'type');
  const joined = date(data, 'joined');
  const website = text(data, 'website');
  return (
    <PreviewPage target={target}>
      <h1>{t('site.organisations.title')}</h1>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">
          {t('site.organisations.table.caption', { count: 1 })}
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">
              {t('site.organisations.table.nameAndType')}
            </th>
            <th className="nhsuk-table__header" scope="col">
              {t('site.organisations.table.town')}
            </th>
            <th className="nhsuk-table__header" scope="col">
              {t('site.organisations.table.joined')}
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="row">
              {website ? <a href={website}>{text(data, 'name')}</a> : text(data, 'name')}
              {isOneOf(organisationTypes, type) && (
                <span className="nhsuk-body-s nhsuk-u-secondary-text-colour organisation-type">
                  {t(`site.orgType.${type}.one`)}
                </span>
              )}
            </th>
            <td className="nhsuk-table__cell">{text(data, 'town')}</td>
            <td className="nhsuk-table__cell">
              {joined && <time dateTime={joined.toISOString().slice(0, 10)}>{formatDate(joined)}</time>}
            </td>
          </tr>
        </tbody>
      </table>
    </PreviewPage>
  );
}

function SummaryRow({ label, value }: { label: string; value: string }) {
  return (
    <div className="nhsuk-summary-list__row">
      <dt className="nhsuk-summary-list__key">{label}</dt>
      <dd className="nhsuk-summary-list__value">{value}</dd>
    </div>
  );
}

/** The settings residents see: the scheme's name, its contact routes and its response times. */
export function SettingsPreview({ data, target }: PreviewProps) {
  const contact = record(data, 'contact');
  const post = record(contact, 'postalAddress');
  return (
    <PreviewPage target={target}>
      <h1>{text(data, 'schemeName')}</h1>
      <p className="nhsuk-lede-text">{text(data, 'area')}</p>
      <h2>{t('site.contact.heading')}</h2>
      <dl className="nhsuk-summary-list">
        <SummaryRow
          label={t('site.contact.phone')}
          value={`${text(contact, 'phone')} (${text(contact, 'phoneHours')})`}
        />
        <SummaryRow label={t('site.contact.email')} value={text(contact, 'email')} />
        <SummaryRow
          label={t('site.contact.post')}
          value={[...texts(post, 'lines'), text(post, 'postcode')].join(', ')}
        />
        <SummaryRow label={t('site.contact.inPerson')} value={text(contact, 'inPerson')} />
      </dl>
      <p className="nhsuk-body-s">{t('footer.runBy', { partnership: text(data, 'partnership') })}</p>
    </PreviewPage>
  );
}

/** The comparison table on /your-choices/. */
export function ChoicesPreview({ data, target }: PreviewProps) {
  const choices: EntryData[] = records(data, 'choices');
  return (
    <PreviewPage target={target}>
      <h1>{t('nav.yourChoices')}</h1>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-table__caption--s">{t('site.choices.compare.heading')}</caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th className="nhsuk-table__header" scope="col">
              {t('site.choices.compare.choice')}
            </th>
            <th className="nhsuk-table__header" scope="col">
              {t('site.choices.compare.stops')}
            </th>
            <th className="nhsuk-table__header" scope="col">
              {t('site.choices.compare.contact')}
            </th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {choices.map((choice) => (
            <tr className="nhsuk-table__row" key={text(choice, 'id')}>
              <th className="nhsuk-table__header" scope="row">
                {text(choice, 'name')}
              </th>
              <td className="nhsuk-table__cell">{text(choice, 'stops')}</td>
              <td className="nhsuk-table__cell">{text(choice, 'contact')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('site.choices.help.heading')}</h2>
      <p>{text(data, 'help')}</p>
    </PreviewPage>
  );
}
