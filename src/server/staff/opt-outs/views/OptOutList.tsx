import { OPT_OUT_ROUTES, OPT_OUT_STATUSES, type OptOutStatus } from '../../../../domain/opt-out.ts';
import { ErrorSummary, SingleCheckbox, TextInput } from '../../../../forms/components/index.ts';
import { Tag } from '../../../../forms/components/Tag.tsx';
import { errorsByField, type FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { describeClockWords } from '../../views/clock-words.ts';
import { tableDate, tableDay } from '../../views/format.ts';
import { optOutRouteLabel, optOutStatusLabel } from '../../views/labels.ts';
import { AnyFilter, CsrfField, DoneBanner, FilterForm, StatusFilter } from '../../views/parts.tsx';
import { StaffTable } from '../../views/StaffTable.tsx';
import { filterPairs, type OptOutFilter } from '../forms.ts';
import type { OptOutListEntry } from '../requests.ts';
import { BulkActionFields, KeyboardHelp, PageLinks } from './OptOutQueueParts.tsx';

/** Before the identity check the promise's clock has not started (it runs "from checking"). */
const BEFORE_CHECK: readonly OptOutStatus[] = ['received', 'contact-confirmed'];

/**
 * The table's caption says how many match in all, once; a paragraph above it used to say it again
 * ("4 requests match, oldest first" then "4 requests, oldest first"). Only when the matches run to
 * more than one page does it add how many this page shows.
 */
function matchingCaption(matching: number, shown: number): string {
  const count = matching.toLocaleString('en-GB');
  if (shown < matching) return t('staffOptOutQueue.matchingPaged', { count, shown: shown.toLocaleString('en-GB') });
  return matching === 1 ? t('staffOptOutQueue.matchingOne') : t('staffOptOutQueue.matching', { count });
}

/**
 * The opt-out work list, oldest first. By default it shows the requests waiting for a step by
 * staff; the filters are a plain GET form.
 */
export function OptOutList({
  entries,
  filter,
  applyWorkingDays,
  done,
  matching,
  previous,
  next,
  cursor,
  csrfToken,
  errors = [],
  values = {},
}: {
  entries: readonly OptOutListEntry[];
  filter: OptOutFilter;
  /** How many match the filter in all (the list shows one page of them). */
  matching: number;
  /** Row ids the previous and next page links start from, when there are such pages. */
  previous?: number | undefined;
  next?: number | undefined;
  /** Where this page starts, kept by the bulk form so an error brings back the same page. */
  cursor: Record<string, number>;
  csrfToken: string;
  errors?: readonly FieldError[];
  values?: Record<string, string>;
  /** The promise in the resident's email: applied within this many working days of checking. */
  applyWorkingDays: number;
  done?: string | undefined;
}) {
  return (
    <>
      <DoneBanner title={t('staffQueues.done.title')} message={done} />
      <ErrorSummary errors={errors} />
      <h1 className="nhsuk-heading-l">{t('staffQueues.optOut.title')}</h1>
      <p className="nhsuk-body">
        <a href="/staff/opt-outs/export">{t('staffQueues.optOut.exportLink')}</a>
      </p>
      <p className="nhsuk-body">
        <a href="/staff/opt-outs/match">{t('staffMatch.link')}</a> ·{' '}
        <a href="/staff/opt-outs/match/exceptions">{t('staffMatch.exceptions.title')}</a> ·{' '}
        <a href="/staff/opt-outs/confirmation">{t('staffConfirm.link')}</a>
      </p>
      <FilterForm action="/staff/opt-outs">
        <StatusFilter
          value={filter.status ?? ''}
          usual={{ value: '', label: t('staffQueues.optOut.filter.waiting') }}
          statuses={OPT_OUT_STATUSES}
          labelOf={optOutStatusLabel}
          allLabel={t('staffQueues.optOut.filter.all')}
        />
        {[
          {
            name: 'route',
            label: t('staffQueues.optOut.filter.route'),
            value: filter.route,
            choices: OPT_OUT_ROUTES.map((route) => ({ value: route, label: optOutRouteLabel(route) })),
          },
          {
            name: 'who',
            label: t('staffOptOutQueue.filter.who'),
            value: filter.who,
            choices: [
              { value: 'self', label: t('staffOptOutQueue.filter.whoSelf') },
              { value: 'proxy', label: t('staffOptOutQueue.filter.whoProxy') },
            ],
          },
          {
            name: 'evidence',
            label: t('staffOptOutQueue.filter.evidence'),
            value: filter.evidence,
            choices: [
              { value: 'yes', label: t('staffOptOutQueue.filter.evidenceYes') },
              { value: 'no', label: t('staffOptOutQueue.filter.evidenceNo') },
            ],
          },
        ].map((select) => (
          <AnyFilter key={select.name} {...select} />
        ))}
        {(
          [
            ['breach', t('staffOptOutQueue.filter.breach'), t('staffOptOutQueue.filter.breachHint')],
            ['age', t('staffQueues.optOut.filter.age'), t('staffQueues.optOut.filter.ageHint')],
          ] as const
        ).map(([name, label, hint]) => (
          <TextInput
            key={name}
            name={name}
            label={label}
            hint={hint}
            width={3}
            inputMode="numeric"
            value={filter[name] === undefined ? (values[name] ?? '') : String(filter[name])}
            error={errorsByField(errors)[name]}
          />
        ))}
        <SingleCheckbox
          name="withdrawal"
          label={t('staffQueues.optOut.filter.withdrawal')}
          checked={filter.withdrawal === 'yes'}
        />
        <TextInput
          name="practice"
          label={t('staffOptOutQueue.filter.practice')}
          hint={t('staffOptOutQueue.filter.practiceHint')}
          width={10}
          autoComplete="off"
          spellCheck={false}
          value={filter.practice ?? values['practice'] ?? ''}
          error={errorsByField(errors)['practice']}
        />
      </FilterForm>
      {entries.length === 0 ? (
        <>
          <p className="nhsuk-body">{t('staffQueues.optOut.empty')}</p>
          <PageLinks filter={filter} previous={previous} next={next} />
        </>
      ) : (
        <form method="post" action="/staff/opt-outs/bulk" noValidate>
          <CsrfField token={csrfToken} />
          {[...filterPairs(filter), ...Object.entries(cursor).map(([name, id]) => [name, String(id)])].map(
            ([name, value]) => (
              <input type="hidden" name={name} value={value} key={name} />
            ),
          )}
          <KeyboardHelp />
          <StaffTable
            label={t('staffQueues.optOut.title')}
            queueKeys
            caption={matchingCaption(matching, entries.length)}
            columns={[
              t('staffOptOutQueue.column.select'),
              ...(['reference', 'route', 'received', 'age', 'applyBy', 'status', 'contact'] as const).map((column) =>
                t(`staffQueues.optOut.column.${column}`),
              ),
            ]}
          >
            {entries.map((entry, index) => (
              <tr className="nhsuk-table__row" key={entry.reference}>
                <td className="nhsuk-table__cell">
                  <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                    <div className="nhsuk-checkboxes__item">
                      <input
                        className="nhsuk-checkboxes__input"
                        type="checkbox"
                        name="reference"
                        value={entry.reference}
                        id={index === 0 ? 'selection' : `select-${entry.reference}`}
                        defaultChecked={values[`reference:${entry.reference}`] === 'yes'}
                      />
                      <label
                        className="nhsuk-label nhsuk-checkboxes__label"
                        htmlFor={index === 0 ? 'selection' : `select-${entry.reference}`}
                      >
                        <span className="nhsuk-u-visually-hidden">
                          {t('staffOptOutQueue.select', { reference: entry.reference })}
                        </span>
                      </label>
                    </div>
                  </div>
                </td>
                <td className="nhsuk-table__cell">
                  <a href={`/staff/opt-outs/${entry.reference}`}>{entry.reference}</a>
                </td>
                <td className="nhsuk-table__cell">{optOutRouteLabel(entry.route)}</td>
                <td className="nhsuk-table__cell">{tableDate(entry.receivedAt)}</td>
                <td className="nhsuk-table__cell">
                  {t(entry.ageWorkingDays === 1 ? 'staffQueues.optOut.ageOne' : 'staffQueues.optOut.age', {
                    count: entry.ageWorkingDays,
                  })}
                </td>
                <td className="nhsuk-table__cell">
                  {entry.applyBy && entry.applyClock ? (
                    <>
                      {tableDay(entry.applyBy)}{' '}
                      <Tag colour={describeClockWords(entry.applyClock).colour}>
                        {describeClockWords(entry.applyClock).text}
                      </Tag>
                    </>
                  ) : BEFORE_CHECK.includes(entry.status) ? (
                    t('staffQueues.optOut.applyAfterCheck', { days: applyWorkingDays })
                  ) : (
                    t('staffQueues.optOut.applyNone')
                  )}
                </td>
                <td className="nhsuk-table__cell">
                  {optOutStatusLabel(entry.status)}
                  {entry.withdrawalRequested && entry.status !== 'withdrawn' ? (
                    <>
                      {' '}
                      <Tag colour="orange">{t('staffQueues.optOut.withdrawalTag')}</Tag>
                    </>
                  ) : null}
                </td>
                <td className="nhsuk-table__cell">
                  {entry.status === 'rejected' && !entry.hasEmail
                    ? t('staffQueues.optOut.writeToThem')
                    : entry.hasEmail
                      ? t('staffQueues.optOut.byEmail')
                      : t('staffQueues.optOut.byPhone')}
                </td>
              </tr>
            ))}
          </StaffTable>
          <PageLinks filter={filter} previous={previous} next={next} />
          <BulkActionFields matching={matching} errors={errors} values={values} />
        </form>
      )}
    </>
  );
}
