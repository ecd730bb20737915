import { Button, TextInput } from '../../../../forms/components/index.ts';
import { dateTimeFormats } from '../../../../i18n/intl-cache.ts';
import { t } from '../../../../i18n/t.ts';
import { ScrollRegion } from '../../views/ScrollRegion.tsx';
import { AuditDetail } from './AuditDetail.tsx';

export interface AuditRow {
  id: number;
  at: Date;
  actorId: number | null;
  action: string;
  subjectType: string | null;
  subjectRef: string | null;
  detail: unknown;
}

const toTheSecond = dateTimeFormats({ dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/London' });
const time = (date: Date) => toTheSecond('en-GB').format(date);

/** The audit log, newest first. Read-only: there is nothing here (or anywhere) to change it. */
export function AuditPage(props: {
  rows: readonly AuditRow[];
  action: string;
  actor: string;
  names: ReadonlyMap<number, string>;
}) {
  return (
    <>
      <h1>{t('staffAuth.audit.heading')}</h1>
      <p>{t('staffAuth.audit.intro')}</p>
      <form method="get" action="/staff/audit">
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{t('staffAuth.audit.filter')}</legend>
          <TextInput
            name="action"
            label={t('staffAuth.audit.action')}
            hint={t('staffAuth.audit.actionHint')}
            value={props.action}
            width={20}
            spellCheck={false}
          />
          <TextInput
            name="actor"
            label={t('staffAuth.audit.actor')}
            hint={t('staffAuth.audit.actorHint')}
            value={props.actor}
            width={5}
            inputMode="numeric"
          />
          <Button secondary>{t('staffAuth.audit.apply')}</Button>
        </fieldset>
      </form>
      {props.rows.length === 0 ? (
        <p>{t('staffAuth.audit.none')}</p>
      ) : (
        <ScrollRegion label={t('staffAuth.audit.caption', { count: props.rows.length })}>
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">
              {t('staffAuth.audit.caption', { count: props.rows.length })}
            </caption>
            <thead className="nhsuk-table__head">
              <tr>
                <th scope="col">{t('staffAuth.audit.when')}</th>
                <th scope="col">{t('staffAuth.audit.who')}</th>
                <th scope="col">{t('staffAuth.audit.what')}</th>
                <th scope="col">{t('staffAuth.audit.subject')}</th>
                <th scope="col">{t('staffAuth.audit.detail')}</th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {props.rows.map((row) => (
                <tr key={row.id}>
                  <td>{time(row.at)}</td>
                  <td>
                    {row.actorId === null
                      ? t('staffAuth.audit.system')
                      : `${props.names.get(row.actorId) ?? t('staffAuth.audit.unknown')} (${row.actorId})`}
                  </td>
                  <td>{row.action}</td>
                  <td>{row.subjectType ? `${row.subjectType} ${row.subjectRef ?? ''}` : ''}</td>
                  <td>
                    <AuditDetail detail={row.detail} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
