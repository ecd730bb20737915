import type { ReactNode } from 'react';
import { formatNhsNumber } from '../../domain/nhs-number.ts';
import { parseUkPhoneNumber } from '../../domain/phone.ts';
import { withLanguage } from '../../i18n/request-language.ts';
import { currentLanguage, formatDate, t } from '../../i18n/t.ts';
import type { OptOutAnswers } from '../../schemas/forms/opt-out.ts';
import { Button, Checkboxes, ErrorSummary, Honeypot, LanguageField } from '../components/index.ts';
import type { FieldError } from '../validation.ts';

export interface CheckAnswersViewProps {
  answers: OptOutAnswers;
  evidenceName: string | null;
  /** The draft's submission key: pressing "Send request" twice sends one request. */
  idempotencyKey: string;
  errors?: readonly FieldError[];
}

/** The number as dialled in the UK ("07700900982"), as people write it, rather than +44. */
const displayPhone = (e164: string) => {
  const parsed = parseUkPhoneNumber(e164);
  return parsed.ok ? parsed.national : e164;
};

/**
 * Numbers and addresses read left to right on an Urdu page too: in right-to-left text the groups
 * of "485 777 3457" would be shown, and read, in the wrong order.
 */
const ltr = (text: string) => <span dir="ltr">{text}</span>;

/** Where "Change" goes: the function renders the form from the saved draft, at that question. */
const changeHref = (field: string) => withLanguage(`/api/opt-out/change#${field}`, currentLanguage());

/**
 * "Check your answers", then the declaration and "Send request" (GOV.UK pattern). Nothing is
 * asked again (WCAG 3.3.7): the answers stay in the encrypted draft, the evidence file too, and
 * "Change" is an ordinary link that works without JavaScript.
 */
export function CheckAnswersView({ answers, evidenceName, idempotencyKey, errors = [] }: CheckAnswersViewProps) {
  const { patient, contact, applicant } = answers;
  const address = [patient.address.line1, patient.address.line2, patient.address.town, patient.address.postcode ?? '']
    .map((line) => line.trim())
    .filter(Boolean);
  const rows: { key: string; field: string; value: ReactNode }[] = [
    { key: t('optOut.who.legend'), field: 'who', value: t(`optOut.who.${answers.route}`) },
    ...(applicant
      ? [
          { key: t('optOut.applicantName.label'), field: 'applicantName', value: applicant.name },
          {
            key: t('optOut.applicantRelationship.label'),
            field: 'applicantRelationship',
            value: applicant.relationship,
          },
          {
            key: t('optOut.check.evidence'),
            field: 'evidence',
            value: evidenceName ?? t('optOut.check.noFile'),
          },
        ]
      : []),
    { key: t('optOut.fullName.label'), field: 'fullName', value: patient.fullName },
    {
      key: t('optOut.dateOfBirth.legend'),
      field: 'dateOfBirth',
      value: formatDate(new Date(`${patient.dateOfBirth}T00:00:00Z`)),
    },
    {
      key: t('optOut.nhsNumber.label'),
      field: 'nhsNumberKnown',
      value: patient.nhsNumber ? ltr(formatNhsNumber(patient.nhsNumber)) : t('optOut.check.notGiven'),
    },
    {
      key: t('optOut.address.legend'),
      field: 'addressLine1',
      value: address.length
        ? address.map((line) => (
            <span key={line} className="clearshare-line">
              {line}
              <br />
            </span>
          ))
        : t('optOut.check.notGiven'),
    },
    {
      key: t('optOut.email.label'),
      field: 'email',
      value: contact.email ? ltr(contact.email) : t('optOut.check.notGiven'),
    },
    {
      key: t('optOut.phone.label'),
      field: 'phone',
      value: contact.phone ? ltr(displayPhone(contact.phone)) : t('optOut.check.notGiven'),
    },
  ];
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <h1>{t('optOut.check.title')}</h1>
        <dl className="nhsuk-summary-list">
          {rows.map((row) => (
            <div className="nhsuk-summary-list__row" key={row.field}>
              <dt className="nhsuk-summary-list__key">{row.key}</dt>
              <dd className="nhsuk-summary-list__value">{row.value}</dd>
              <dd className="nhsuk-summary-list__actions">
                <a href={changeHref(row.field)}>
                  {t('optOut.check.change')}
                  <span className="nhsuk-u-visually-hidden"> {row.key}</span>
                </a>
              </dd>
            </div>
          ))}
        </dl>
        <h2>{t('optOut.check.sendHeading')}</h2>
        <p>{t('optOut.check.sendText')}</p>
        <form action="/api/opt-out/submit" method="post" noValidate>
          <Honeypot />
          <LanguageField />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <Checkboxes
            name="declaration"
            legend={t('optOut.declaration.legend')}
            options={[{ value: 'yes', label: t('optOut.declaration.label') }]}
            error={errors.find((error) => error.field === 'declaration')?.message}
          />
          <Button>{t('optOut.check.submit')}</Button>
        </form>
      </div>
    </div>
  );
}
