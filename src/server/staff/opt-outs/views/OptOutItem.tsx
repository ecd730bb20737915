import type { ReactNode } from 'react';
import type { CalendarDate } from '../../../../domain/calendar-date.ts';
import type { OptOutAction } from '../../../../domain/opt-out-transitions.ts';
import { Button, DateInput, ErrorSummary, Textarea } from '../../../../forms/components/index.ts';
import { SummaryList } from '../../../../forms/components/SummaryList.tsx';
import { dateParts } from '../../../../forms/date-parts.ts';
import { errorsByField, type FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { calendarDay, dateTime } from '../../views/format.ts';
import { optOutRouteLabel, optOutStatusLabel } from '../../views/labels.ts';
import { CsrfField, DoneBanner, Section, TypedText } from '../../views/parts.tsx';
import type { decryptPerson, listEvidence, OptOutHistoryEntry } from '../requests.ts';

export interface OptOutItemProps {
  request: {
    reference: string;
    route: Parameters<typeof optOutRouteLabel>[0];
    status: Parameters<typeof optOutStatusLabel>[0];
    receivedAt: Date;
    hasEmail: boolean;
    withdrawalRequestedAt: Date | null;
    appliedOn: CalendarDate | null;
    withdrawalAppliedOn: CalendarDate | null;
  };
  person: ReturnType<typeof decryptPerson>;
  rejectionReason: string | null;
  evidence: Awaited<ReturnType<typeof listEvidence>>;
  history: readonly OptOutHistoryEntry[];
  actions: readonly OptOutAction[];
  names: ReadonlyMap<number, string>;
  csrfToken: string;
  errors?: readonly FieldError[];
  values?: Readonly<Record<string, string>>;
  done?: string | undefined;
}

/**
 * One opt-out request, decrypted (the handler audits the view), with only the next steps the
 * rules allow (src/domain/opt-out-transitions.ts). Each step is its own form.
 */
export function OptOutItem(props: OptOutItemProps) {
  const { request, person, errors = [] } = props;
  return (
    <>
      <a className="nhsuk-back-link" href="/staff/opt-outs">
        {t('staffQueues.optOut.back')}
      </a>
      <ErrorSummary errors={errors} hrefFor={(field) => (field === 'next' ? '#next-section' : `#${field}`)} />
      <DoneBanner title={t('staffQueues.done.title')} message={props.done} />
      <h1 className="nhsuk-heading-l">
        <span className="nhsuk-caption-l">{optOutRouteLabel(request.route)}</span>
        {request.reference}
      </h1>
      {request.status === 'rejected' && !request.hasEmail ? (
        <div className="nhsuk-inset-text">
          <h2 className="nhsuk-heading-s">{t('staffQueues.optOut.writeToThem')}</h2>
          <p>{t('staffQueues.optOut.writeToThemBody')}</p>
        </div>
      ) : null}
      <SummaryList
        rows={[
          { key: t('staffQueues.item.status'), value: optOutStatusLabel(request.status) },
          { key: t('staffQueues.item.received'), value: dateTime(request.receivedAt) },
          ...(request.withdrawalRequestedAt
            ? [{ key: t('staffQueues.optOut.withdrawalRequested'), value: dateTime(request.withdrawalRequestedAt) }]
            : []),
          ...(request.appliedOn
            ? [{ key: t('staffQueues.optOut.appliedOn'), value: calendarDay(request.appliedOn) }]
            : []),
          ...(request.withdrawalAppliedOn
            ? [{ key: t('staffQueues.optOut.withdrawalAppliedOn'), value: calendarDay(request.withdrawalAppliedOn) }]
            : []),
          ...(props.rejectionReason
            ? [{ key: t('staffQueues.optOut.rejectionReason'), value: props.rejectionReason }]
            : []),
        ]}
      />
      <Section id="person" title={t('staffQueues.optOut.personHeading')}>
        {person ? <PersonDetails person={person} /> : <p className="nhsuk-body">{t('staffQueues.optOut.deleted')}</p>}
        {props.evidence.length > 0 ? (
          <>
            <h3 className="nhsuk-heading-s">{t('staffQueues.optOut.evidenceHeading')}</h3>
            <ul className="nhsuk-list">
              {props.evidence.map((file) => (
                <li key={file.id}>
                  <a href={`/staff/opt-outs/${request.reference}/evidence/${file.id}`}>
                    {t('staffQueues.optOut.evidenceLink', {
                      name: file.fileName,
                      size: Math.ceil(file.byteSize / 1024),
                    })}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
      <Section id="next" title={t('staffQueues.optOut.nextHeading')}>
        {props.actions.length === 0 ? <p className="nhsuk-body">{t('staffQueues.optOut.nothingToDo')}</p> : null}
        {props.actions.map((action) => (
          <StepForm key={action} action={action} {...props} />
        ))}
      </Section>
      <Section id="history" title={t('staffQueues.history.heading')}>
        <ul className="nhsuk-list">
          {props.history.map((entry) => (
            <li key={`${entry.step}-${entry.at.getTime()}`} className="nhsuk-u-margin-bottom-3">
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
                <strong>{t(`staffQueues.optOut.step.${entry.step}`)}</strong> — {dateTime(entry.at)} —{' '}
                {entry.actorId === null
                  ? t('staffQueues.optOut.byThePerson')
                  : (props.names.get(entry.actorId) ?? t('staffQueues.formerStaff'))}
              </p>
              {entry.note ? <TypedText text={entry.note} /> : null}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}

function PersonDetails({ person }: { person: NonNullable<OptOutItemProps['person']> }) {
  const address = [person.address.line1, person.address.line2, person.address.town, person.address.postcode]
    .filter(Boolean)
    .join(', ');
  return (
    <SummaryList
      rows={[
        { key: t('staffQueues.item.name'), value: person.name },
        { key: t('staffQueues.item.dateOfBirth'), value: calendarDay(person.dateOfBirth) },
        {
          key: t('staffQueues.optOut.nhsNumber'),
          value: person.nhsNumber
            ? person.nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3')
            : t('staffQueues.optOut.nhsNumberUnknown'),
        },
        { key: t('staffQueues.item.address'), value: address },
        ...(person.applicant
          ? [
              {
                key: t('staffQueues.optOut.applicant'),
                value: t('staffQueues.optOut.applicantValue', person.applicant),
              },
            ]
          : []),
        { key: t('staffQueues.item.email'), value: person.email ?? t('staffQueues.optOut.none') },
        { key: t('staffQueues.item.phone'), value: person.phone ?? t('staffQueues.optOut.none') },
      ]}
    />
  );
}

function StepForm({
  action,
  request,
  csrfToken,
  errors = [],
  values = {},
}: OptOutItemProps & { action: OptOutAction }) {
  const fieldErrors = errorsByField(errors);
  // Applying and recording a withdrawal both ask for the day it was done; only the legend differs.
  const dateField = (legend: string) => (
    <DateInput
      name="date"
      legend={legend}
      hint={t('staffQueues.optOut.dateHint')}
      value={dateParts(values, 'date')}
      error={fieldErrors['date']}
    />
  );
  const fields: Record<OptOutAction, ReactNode> = {
    'confirm-contact': (
      <p className="nhsuk-body">
        {t(request.hasEmail ? 'staffQueues.optOut.confirmContact.hintEmail' : 'staffQueues.optOut.confirmContact.hint')}
      </p>
    ),
    'check-identity': (
      <Textarea
        name="note"
        label={t('staffQueues.optOut.checkIdentity.label')}
        hint={t('staffQueues.optOut.checkIdentity.hint')}
        rows={3}
        value={values['note']}
        error={fieldErrors['note']}
      />
    ),
    apply: dateField(t('staffQueues.optOut.apply.legend')),
    reject: (
      <Textarea
        name="reason"
        label={t('staffQueues.optOut.reject.label')}
        hint={t(request.hasEmail ? 'staffQueues.optOut.reject.hintEmail' : 'staffQueues.optOut.reject.hintLetter')}
        rows={3}
        value={values['reason']}
        error={fieldErrors['reason']}
      />
    ),
    'confirm-withdrawal': <p className="nhsuk-body">{t('staffQueues.optOut.confirmWithdrawal.hint')}</p>,
    'record-withdrawal-applied': dateField(t('staffQueues.optOut.withdrawalApplied.legend')),
  };
  return (
    <form
      method="post"
      action={`/staff/opt-outs/${request.reference}/${action}`}
      noValidate
      className="nhsuk-u-margin-bottom-6"
    >
      <h3 className="nhsuk-heading-s">{t(`staffQueues.optOut.action.${action}`)}</h3>
      <CsrfField token={csrfToken} />
      {fields[action]}
      <Button secondary={action === 'reject'}>{t(`staffQueues.optOut.button.${action}`)}</Button>
    </form>
  );
}
