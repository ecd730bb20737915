import { z } from 'zod';
import { FEEDBACK_STATUSES, type FeedbackStatus, isAnswered } from '../../../../domain/feedback.ts';
import {
  Button,
  DateInput,
  ErrorSummary,
  Radios,
  SingleCheckbox,
  Textarea,
  TextInput,
} from '../../../../forms/components/index.ts';
import { Select } from '../../../../forms/components/Select.tsx';
import { SummaryList } from '../../../../forms/components/SummaryList.tsx';
import { Tag } from '../../../../forms/components/Tag.tsx';
import { dateParts } from '../../../../forms/date-parts.ts';
import { errorsByField, type FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import type { readFeedbackItem } from '../../../feedback/staff.ts';
import { feedbackClockWords } from '../../views/clock-words.ts';
import { calendarDay, dateTime } from '../../views/format.ts';
import { feedbackStatusLabel, feedbackTypeLabel } from '../../views/labels.ts';
import { CsrfField, DoneBanner, Section, TypedText } from '../../views/parts.tsx';
import type { Assignee } from '../assignees.ts';
import type { FeedbackNote } from '../notes.ts';

export type FeedbackItemView = Awaited<ReturnType<typeof readFeedbackItem>>;

export interface FeedbackItemProps {
  item: FeedbackItemView;
  notes: readonly FeedbackNote[];
  assignees: readonly Assignee[];
  names: ReadonlyMap<number, string>;
  /** Who last moved the item to each status (the audit log), for the history. */
  actors: ReadonlyMap<FeedbackStatus, number | null>;
  /** The member of staff reading the page: "Me" in the handler choice. */
  viewerId: number;
  csrfToken: string;
  errors?: readonly FieldError[];
  values?: Readonly<Record<string, string>>;
  done?: string | undefined;
}

/**
 * One feedback item, decrypted for the member of staff handling it (the view is audited by the
 * handler). Every action is its own small form posting to its own address, so each works without
 * JavaScript and a validation error comes back beside the right field.
 */
export function FeedbackItem(props: FeedbackItemProps) {
  const { item, csrfToken, errors = [], values = {} } = props;
  const fieldErrors = errorsByField(errors);
  const base = `/staff/feedback/${item.reference}`;
  const clock = feedbackClockWords(item);
  const nameOf = (id: number | null) =>
    id === null ? t('staffQueues.nobody') : (props.names.get(id) ?? t('staffQueues.formerStaff'));

  return (
    <>
      <a className="nhsuk-back-link" href="/staff/feedback">
        {t('staffQueues.feedback.back')}
      </a>
      <ErrorSummary errors={errors} />
      <DoneBanner title={t('staffQueues.done.title')} message={props.done} />
      <h1 className="nhsuk-heading-l">
        <span className="nhsuk-caption-l">{feedbackTypeLabel(item.type)}</span>
        {item.reference}
      </h1>
      <SummaryList
        rows={[
          { key: t('staffQueues.item.status'), value: feedbackStatusLabel(item.status) },
          {
            key: t('staffQueues.item.clock'),
            value: (
              <>
                <Tag colour={clock.colour}>{clock.text}</Tag> {clock.step ?? ''}
              </>
            ),
          },
          { key: t('staffQueues.item.received'), value: dateTime(item.receivedAt) },
          ...(item.acknowledgeBy
            ? [{ key: t('staffQueues.item.acknowledgeBy'), value: calendarDay(item.acknowledgeBy) }]
            : []),
          ...(item.respondBy
            ? [
                {
                  key: t(item.type === 'complaint' ? 'staffQueues.item.agreedDate' : 'staffQueues.item.respondBy'),
                  value: calendarDay(item.respondBy),
                },
              ]
            : []),
          ...(item.extensionReason
            ? [
                {
                  key: t('staffQueues.item.extension'),
                  value: t('staffQueues.item.extensionValue', {
                    period: t(item.extensionMonths === 1 ? 'staffQueues.extend.one' : 'staffQueues.extend.two'),
                    reason: item.extensionReason,
                  }),
                },
              ]
            : []),
          { key: t('staffQueues.item.assigned'), value: nameOf(item.assignedTo) },
          { key: t('staffQueues.item.themes'), value: item.themes.join(', ') || t('staffQueues.item.noThemes') },
        ]}
      />

      <Section id="message" title={t('staffQueues.item.messageHeading')}>
        {item.topic ? <p className="nhsuk-body nhsuk-u-font-weight-bold">{item.topic}</p> : null}
        <TypedText text={item.personalDataDeletedAt ? t('staffQueues.item.deleted') : item.message} />
        <SummaryList
          rows={[
            { key: t('staffQueues.item.replyBy'), value: t(`staffQueues.replyBy.${item.replyBy}`) },
            ...(item.name ? [{ key: t('staffQueues.item.name'), value: item.name }] : []),
            ...(item.email ? [{ key: t('staffQueues.item.email'), value: item.email }] : []),
            ...(item.phone ? [{ key: t('staffQueues.item.phone'), value: item.phone }] : []),
            ...(item.dateOfBirth
              ? [{ key: t('staffQueues.item.dateOfBirth'), value: calendarDay(item.dateOfBirth) }]
              : []),
            ...(item.postcode ? [{ key: t('staffQueues.item.postcode'), value: item.postcode }] : []),
            ...(item.postalAddress
              ? [{ key: t('staffQueues.item.address'), value: addressText(item.postalAddress) }]
              : []),
          ]}
        />
      </Section>

      <Section id="reply" title={t('staffQueues.reply.heading')}>
        {item.email ? (
          <form method="post" action={`${base}/reply`} noValidate>
            <CsrfField token={csrfToken} />
            {item.type === 'rights-request' && !props.notes.some((note) => note.kind === 'verification') ? (
              <Textarea
                name="verified"
                label={t('staffQueues.reply.verifiedLabel')}
                hint={t('staffQueues.reply.verifiedHint')}
                rows={3}
                value={values['verified']}
                error={fieldErrors['verified']}
              />
            ) : null}
            <Textarea
              name="reply"
              label={t('staffQueues.reply.label')}
              hint={t('staffQueues.reply.hint')}
              rows={8}
              value={values['reply']}
              error={fieldErrors['reply']}
            />
            <SingleCheckbox
              name="markAnswered"
              label={t('staffQueues.reply.markAnswered')}
              checked={values['markAnswered'] === 'yes'}
            />
            <Button>{t('staffQueues.reply.button')}</Button>
          </form>
        ) : (
          <p className="nhsuk-body">{t('staffQueues.reply.noEmail')}</p>
        )}
      </Section>

      <Section id="manage" title={t('staffQueues.manage.heading')}>
        <form method="post" action={`${base}/status`} noValidate>
          <CsrfField token={csrfToken} />
          <Radios
            name="status"
            legend={t('staffQueues.status.legend')}
            options={FEEDBACK_STATUSES.map((status) => ({ value: status, label: feedbackStatusLabel(status) }))}
            value={values['status'] ?? item.status}
            error={fieldErrors['status']}
          />
          <Button secondary>{t('staffQueues.status.button')}</Button>
        </form>

        <form method="post" action={`${base}/assign`} noValidate>
          <CsrfField token={csrfToken} />
          <Select
            name="assignTo"
            label={t('staffQueues.assign.label')}
            value={values['assignTo'] ?? currentHandler(item.assignedTo, props.viewerId)}
            error={fieldErrors['assignTo']}
            options={[
              { value: 'me', label: t('staffQueues.assign.me') },
              ...props.assignees
                .filter((person) => person.id !== props.viewerId)
                .map((person) => ({ value: String(person.id), label: person.name })),
              // Someone who can no longer hold items still shows as the handler until it is changed.
              ...(item.assignedTo !== null &&
              item.assignedTo !== props.viewerId &&
              !props.assignees.some((person) => person.id === item.assignedTo)
                ? [{ value: String(item.assignedTo), label: nameOf(item.assignedTo) }]
                : []),
              { value: 'nobody', label: t('staffQueues.assign.nobody') },
            ]}
          />
          <Button secondary>{t('staffQueues.assign.button')}</Button>
        </form>

        <form method="post" action={`${base}/themes`} noValidate>
          <CsrfField token={csrfToken} />
          {item.themes.length > 0 ? (
            <ul className="nhsuk-list">
              {item.themes.map((theme) => (
                <li key={theme}>
                  {theme}{' '}
                  <button
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    type="submit"
                    name="remove"
                    value={theme}
                  >
                    {t('staffQueues.themes.remove', { theme })}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <TextInput
            name="theme"
            label={t('staffQueues.themes.label')}
            hint={t('staffQueues.themes.hint')}
            width={20}
            value={values['theme']}
            error={fieldErrors['theme']}
          />
          <Button secondary>{t('staffQueues.themes.button')}</Button>
        </form>

        {item.type === 'complaint' && !isAnswered(item.status) ? (
          <AgreeDateForm {...props} base={base} fieldErrors={fieldErrors} />
        ) : null}
        {item.type === 'rights-request' && item.extendedAt === null ? (
          <ExtendForm {...props} base={base} fieldErrors={fieldErrors} />
        ) : null}
      </Section>

      <Section id="notes" title={t('staffQueues.notes.heading')}>
        <form method="post" action={`${base}/notes`} noValidate>
          <CsrfField token={csrfToken} />
          <Textarea
            name="note"
            label={t('staffQueues.notes.label')}
            hint={t('staffQueues.notes.hint')}
            value={values['note']}
            error={fieldErrors['note']}
          />
          <Button secondary>{t('staffQueues.notes.button')}</Button>
        </form>
        <History {...props} nameOf={nameOf} />
      </Section>
    </>
  );
}

/** The response date agreed with a complainant (regulation 13(7)), which the answer clock counts down to. */
function AgreeDateForm({
  item,
  csrfToken,
  values,
  base,
  fieldErrors,
}: FeedbackItemProps & { base: string; fieldErrors: Record<string, string> }) {
  const [year = '', month = '', day = ''] = item.respondBy?.split('-') ?? [];
  return (
    <form method="post" action={`${base}/agree-date`} noValidate>
      <CsrfField token={csrfToken} />
      <DateInput
        name="agreed"
        legend={t('staffQueues.agreeDate.legend')}
        hint={t('staffQueues.agreeDate.hint')}
        value={
          values ? dateParts(values, 'agreed') : { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year }
        }
        error={fieldErrors['agreed']}
      />
      <Button secondary>{t('staffQueues.agreeDate.button')}</Button>
    </form>
  );
}

function ExtendForm({
  csrfToken,
  values = {},
  base,
  fieldErrors,
}: FeedbackItemProps & { base: string; fieldErrors: Record<string, string> }) {
  return (
    <form method="post" action={`${base}/extend`} noValidate>
      <CsrfField token={csrfToken} />
      <Radios
        name="months"
        legend={t('staffQueues.extend.legend')}
        hint={t('staffQueues.extend.hint')}
        inline
        options={[
          { value: '1', label: t('staffQueues.extend.one') },
          { value: '2', label: t('staffQueues.extend.two') },
        ]}
        value={values['months']}
        error={fieldErrors['months']}
      />
      <Textarea
        name="reason"
        label={t('staffQueues.extend.reason')}
        hint={t('staffQueues.extend.reasonHint')}
        rows={3}
        value={values['reason']}
        error={fieldErrors['reason']}
      />
      <Button secondary>{t('staffQueues.extend.button')}</Button>
    </form>
  );
}

/** The choice "Who is handling it" starts at: whoever handles the item now. */
function currentHandler(assignedTo: number | null, viewerId: number): string {
  if (assignedTo === null) return 'nobody';
  return assignedTo === viewerId ? 'me' : String(assignedTo);
}

function History({ item, notes, actors, nameOf }: FeedbackItemProps & { nameOf: (id: number | null) => string }) {
  // Who set a status: the audit log's actor, or, for an acknowledgement or answer a reply made,
  // the reply's author (a reply stamps the item at the reply's own time).
  const by = (status: FeedbackStatus, at: Date, step: string) => {
    const actor =
      actors.get(status) ??
      notes.find((note) => note.kind === 'reply' && note.createdAt.getTime() === at.getTime())?.authorId;
    return actor === undefined ? step : t('staffQueues.history.by', { step, name: nameOf(actor) });
  };
  const stamps = [
    { at: item.receivedAt, text: t('staffQueues.history.received') },
    ...(item.acknowledgedAt
      ? [
          {
            at: item.acknowledgedAt,
            text: by('acknowledged', item.acknowledgedAt, t('staffQueues.history.acknowledged')),
          },
        ]
      : []),
    ...(item.answeredAt
      ? [{ at: item.answeredAt, text: by('answered', item.answeredAt, t('staffQueues.history.answered')) }]
      : []),
    ...(item.closedAt
      ? [{ at: item.closedAt, text: by('closed', item.closedAt, t('staffQueues.history.closed')) }]
      : []),
  ];
  // The extension, with the reason the person was told: it moved their deadline, so it belongs here.
  const extension =
    item.extendedAt && item.extensionReason
      ? [
          {
            at: item.extendedAt,
            key: 'extension',
            text: t('staffQueues.history.extended', {
              period: t(item.extensionMonths === 1 ? 'staffQueues.extend.one' : 'staffQueues.extend.two'),
              date: item.respondBy ? calendarDay(item.respondBy) : '',
            }),
            body: item.extensionReason as string | undefined,
          },
        ]
      : [];
  const entries = [
    ...stamps.map((stamp) => ({ ...stamp, key: `stamp-${stamp.text}`, body: undefined as string | undefined })),
    ...extension,
    ...notes.map((note) => ({
      at: note.createdAt,
      key: `note-${note.id}`,
      text: t(
        note.kind === 'reply'
          ? 'staffQueues.history.reply'
          : note.kind === 'verification'
            ? 'staffQueues.history.verification'
            : 'staffQueues.history.note',
        { name: nameOf(note.authorId) },
      ),
      body: note.text,
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  return (
    <>
      <h3 className="nhsuk-heading-s">{t('staffQueues.history.heading')}</h3>
      <ul className="nhsuk-list">
        {entries.map((entry) => (
          <li key={entry.key} className="nhsuk-u-margin-bottom-4">
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
              <strong>{entry.text}</strong> — {dateTime(entry.at)}
            </p>
            {entry.body ? <TypedText text={entry.body} /> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

const storedAddress = z.object({ lines: z.array(z.string()), postcode: z.string() });

/** The postal address as one line; stored as encrypted JSON { lines, postcode } by save-item.ts. */
function addressText(address: unknown): string {
  const parsed = storedAddress.safeParse(address);
  return parsed.success ? [...parsed.data.lines, parsed.data.postcode].join(', ') : t('staffQueues.item.unreadable');
}
