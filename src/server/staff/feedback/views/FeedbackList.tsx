import { Fragment } from 'react';
import { FEEDBACK_STATUSES, FEEDBACK_TYPES, type FeedbackType } from '../../../../domain/feedback.ts';
import { SingleCheckbox } from '../../../../forms/components/index.ts';
import { Tag } from '../../../../forms/components/Tag.tsx';
import { t } from '../../../../i18n/t.ts';
import type { FeedbackListEntry } from '../../../feedback/staff.ts';
import { feedbackClockWords } from '../../views/clock-words.ts';
import { tableDay } from '../../views/format.ts';
import { feedbackStatusLabel, feedbackTypeLabel } from '../../views/labels.ts';
import { AnyFilter, countCaption, FilterForm, StatusFilter } from '../../views/parts.tsx';
import { StaffTable, TableRow } from '../../views/StaffTable.tsx';
import type { FeedbackFilter } from '../forms.ts';

interface Props {
  entries: readonly FeedbackListEntry[];
  filter: FeedbackFilter;
  /** Types this person may see (IG-only staff see rights requests). */
  types: readonly FeedbackType[];
  themes: readonly string[];
  /** Staff names by id, for the "with" column. */
  names: ReadonlyMap<number, string>;
}

/**
 * The feedback work list: most urgent first, each clock in words. The filters are a plain GET
 * form, so they work without JavaScript and a filtered list can be bookmarked or shared.
 */
export function FeedbackList({ entries, filter, types, themes, names }: Props) {
  return (
    <>
      <h1 className="nhsuk-heading-l">{t('staffQueues.feedback.title')}</h1>
      <FilterForm action="/staff/feedback">
        <AnyFilter
          name="type"
          label={t('staffQueues.filter.type')}
          value={filter.type}
          choices={FEEDBACK_TYPES.filter((type) => types.includes(type)).map((type) => ({
            value: type,
            label: feedbackTypeLabel(type),
          }))}
        />
        <StatusFilter
          value={filter.status ?? 'open'}
          usual={{ value: 'open', label: t('staffQueues.filter.open') }}
          statuses={FEEDBACK_STATUSES}
          labelOf={feedbackStatusLabel}
          allLabel={t('staffQueues.filter.all')}
        />
        <AnyFilter
          name="theme"
          label={t('staffQueues.filter.theme')}
          value={filter.theme}
          choices={themes.map((theme) => ({ value: theme, label: theme }))}
        />
        <AnyFilter
          name="due"
          label={t('staffQueues.filter.due')}
          value={filter.due}
          choices={[
            { value: 'today', label: t('staffQueues.filter.dueToday') },
            { value: 'week', label: t('staffQueues.filter.dueWeek') },
          ]}
        />
        <SingleCheckbox name="overdue" label={t('staffQueues.filter.overdue')} checked={filter.overdue === 'yes'} />
      </FilterForm>
      <FeedbackTable entries={entries} names={names} />
    </>
  );
}

function FeedbackTable({ entries, names }: Pick<Props, 'entries' | 'names'>) {
  if (entries.length === 0) return <p className="nhsuk-body">{t('staffQueues.feedback.empty')}</p>;
  return (
    <StaffTable
      label={t('staffQueues.feedback.title')}
      caption={countCaption('feedback', entries.length)}
      columns={(['reference', 'type', 'received', 'status', 'clock', 'themes', 'with'] as const).map((column) =>
        t(`staffQueues.feedback.column.${column}`),
      )}
    >
      {entries.map((entry) => {
        const clock = feedbackClockWords(entry);
        return (
          <TableRow
            key={entry.reference}
            cells={[
              <a key="reference" href={`/staff/feedback/${entry.reference}`}>
                {entry.reference}
              </a>,
              feedbackTypeLabel(entry.type),
              tableDay(entry.receivedOn),
              feedbackStatusLabel(entry.status),
              <Fragment key="clock">
                <Tag colour={clock.colour}>{clock.text}</Tag>
                {clock.step ? <span className="nhsuk-u-font-size-16"> {clock.step}</span> : null}
              </Fragment>,
              entry.themes.join(', '),
              entry.assignedTo === null
                ? t('staffQueues.nobody')
                : (names.get(entry.assignedTo) ?? t('staffQueues.formerStaff')),
            ]}
          />
        );
      })}
    </StaffTable>
  );
}
