import type { ReactNode } from 'react';
import { Button, ErrorSummary } from '../../../../forms/components/index.ts';
import type { FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { tableDay } from '../../views/format.ts';
import { optOutRouteLabel, optOutStatusLabel } from '../../views/labels.ts';
import { CsrfField } from '../../views/parts.tsx';
import { StaffTable } from '../../views/StaffTable.tsx';
import type { LinkedRequest, RequestSummary } from '../linked.ts';

/**
 * The requests an officer chooses between or decides on, shown by reference, kind, date and
 * status only: they may be other people's, so nothing personal of theirs is on these pages. Each
 * reference links to the request's own screen (where opening it is audited); every choice is a
 * plain form, so the pages work without JavaScript.
 */
function RequestTable(props: {
  caption: string;
  requests: readonly RequestSummary[];
  extraColumns: readonly string[];
  extra: (request: RequestSummary) => ReactNode;
}) {
  const columns = [
    t('subjectAccess.table.reference'),
    t('subjectAccess.table.kind'),
    t('subjectAccess.table.received'),
    t('subjectAccess.table.status'),
  ];
  // In its scrolling region: with a button or two on each row, the table is wider than a phone
  // (549 px at 390), and without the region the whole page went sideways.
  return (
    <StaffTable caption={props.caption} columns={[...columns, ...props.extraColumns]}>
      {props.requests.map((request) => (
        <tr className="nhsuk-table__row" key={request.reference}>
          <td className="nhsuk-table__cell">
            <a href={`/staff/opt-outs/${request.reference}`}>{request.reference}</a>
          </td>
          <td className="nhsuk-table__cell">{optOutRouteLabel(request.route)}</td>
          <td className="nhsuk-table__cell">{tableDay(request.receivedOn)}</td>
          <td className="nhsuk-table__cell">{optOutStatusLabel(request.status)}</td>
          {props.extra(request)}
        </tr>
      ))}
    </StaffTable>
  );
}

/** After an NHS-number search: the requests with that number, one button each to start from it. */
export function MatchesPage({ csrfToken, matches }: { csrfToken: string; matches: readonly RequestSummary[] }) {
  return (
    <>
      <h1 className="nhsuk-heading-l">{t('subjectAccess.matches.title')}</h1>
      <p className="nhsuk-body">{t('subjectAccess.matches.intro')}</p>
      <RequestTable
        caption={t('subjectAccess.matches.caption', { count: matches.length })}
        requests={matches}
        extraColumns={[t('subjectAccess.table.action')]}
        extra={(request) => (
          <td className="nhsuk-table__cell">
            <form method="post" action="/staff/subject-access">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="search" value={request.reference} />
              <Button secondary>{t('subjectAccess.matches.choose', { reference: request.reference })}</Button>
            </form>
          </td>
        )}
      />
    </>
  );
}

/** A searched request's linked requests, each with its decision and the buttons to decide. */
export function LinkedRequestsPage(props: {
  csrfToken: string;
  reference: string;
  linked: readonly LinkedRequest[];
  errors?: readonly FieldError[];
}) {
  const { csrfToken, reference, linked, errors = [] } = props;
  const decisionOf = (request: RequestSummary) =>
    linked.find((entry) => entry.reference === request.reference)?.decision;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1 className="nhsuk-heading-l">{t('subjectAccess.linked.title', { reference })}</h1>
      <p className="nhsuk-body">{t('subjectAccess.linked.intro', { reference })}</p>
      <RequestTable
        caption={t('subjectAccess.linked.caption', { count: linked.length })}
        requests={linked}
        extraColumns={[t('subjectAccess.table.decision'), t('subjectAccess.table.action')]}
        extra={(request) => (
          <>
            <td className="nhsuk-table__cell">{t(`subjectAccess.decision.${decisionOf(request) ?? 'none'}`)}</td>
            <td className="nhsuk-table__cell">
              <form
                method="post"
                action={`/staff/subject-access/${reference}/decisions`}
                id={`decision-${request.reference}`}
              >
                <CsrfField token={csrfToken} />
                <input type="hidden" name="linked" value={request.reference} />
                <Button secondary name="decision" value="include">
                  {t('subjectAccess.linked.include', { reference: request.reference })}
                </Button>{' '}
                <Button secondary name="decision" value="exclude">
                  {t('subjectAccess.linked.exclude', { reference: request.reference })}
                </Button>
              </form>
            </td>
          </>
        )}
      />
      <form method="post" action={`/staff/subject-access/${reference}/export`}>
        <CsrfField token={csrfToken} />
        <p className="nhsuk-body">{t('subjectAccess.linked.downloadIntro', { reference })}</p>
        <Button>{t('subjectAccess.linked.download')}</Button>
      </form>
      <p className="nhsuk-body-s">{t('subjectAccess.audited')}</p>
    </>
  );
}
