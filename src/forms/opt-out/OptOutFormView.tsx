import type { FormHTMLAttributes, Ref } from 'react';
import { isProxyRoute, OPT_OUT_ROUTES, type OptOutRoute } from '../../domain/opt-out.ts';
import { t } from '../../i18n/t.ts';
import { FormPage } from '../components/FormPage.tsx';
import {
  Button,
  DateInput,
  FileUpload,
  Honeypot,
  LanguageField,
  Radios,
  SingleCheckbox,
  TextInput,
} from '../components/index.ts';
import { dateParts } from '../date-parts.ts';
import type { FieldError } from '../validation.ts';

export interface OptOutFormViewProps {
  /** What the person typed, kept when the form comes back with errors or from "Change". */
  values?: Record<string, string>;
  /** Errors for the summary at the top (after a submit). */
  summaryErrors?: readonly FieldError[];
  /** The message beside each field. */
  byField?: Record<string, string>;
  /** The name of an evidence file already uploaded with this draft. */
  evidenceName?: string | null | undefined;
  /** Hydrated: hide the questions that do not apply to the answers so far. */
  enhanced?: boolean;
  /** When hydrated, the radio choices made so far (they decide which questions show). */
  choices?: Record<string, string>;
  /** Rendered from a saved draft ("Change"): keep its evidence unless a new file is chosen. */
  resume?: boolean;
  formProps?: FormHTMLAttributes<HTMLFormElement>;
  summaryRef?: Ref<HTMLDivElement>;
}

/** Where the form posts: the function saves a draft and shows "Check your answers". */
export const OPT_OUT_ACTION = '/api/opt-out';
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

const isRoute = (value: string | undefined): value is OptOutRoute => OPT_OUT_ROUTES.some((route) => route === value);

/**
 * The opt-out questions on one page, in NHS.UK markup. Astro renders it at build time (and
 * hydrates it for live validation); the function renders it again with errors and the person's
 * answers, so there is one copy of the markup. Without JavaScript every question is shown and
 * the hints say which apply; with it, "About you" and the NHS number box appear when needed.
 */
export function OptOutFormView(props: OptOutFormViewProps) {
  const { values = {}, summaryErrors = [], byField = {}, enhanced = false, choices = {} } = props;
  const who = values['who'];
  const chosenWho = choices['who'];
  const showApplicant = !enhanced || (isRoute(chosenWho) && isProxyRoute(chosenWho));
  return (
    <FormPage
      title={t('optOut.form.title')}
      intro={t('optOut.form.intro')}
      summaryErrors={summaryErrors}
      summaryRef={props.summaryRef}
    >
      <form action={OPT_OUT_ACTION} method="post" encType="multipart/form-data" {...props.formProps}>
        <Honeypot />
        <LanguageField />
        {props.resume ? <input type="hidden" name="resume" value="yes" /> : null}
        <Radios
          name="who"
          legend={t('optOut.who.legend')}
          value={who}
          error={byField['who']}
          options={OPT_OUT_ROUTES.map((route) => ({
            value: route,
            label: t(`optOut.who.${route}`),
            ...(route === 'self' ? { hint: t('optOut.who.selfHint') } : {}),
          }))}
        />

        <div hidden={!showApplicant}>
          <h2>{t('optOut.applicant.heading')}</h2>
          {enhanced ? null : <p className="nhsuk-hint">{t('optOut.applicant.intro')}</p>}
          <TextInput
            name="applicantName"
            label={t('optOut.applicantName.label')}
            value={values['applicantName']}
            error={byField['applicantName']}
            autoComplete="name"
            spellCheck={false}
          />
          <TextInput
            name="applicantRelationship"
            label={t('optOut.applicantRelationship.label')}
            hint={t('optOut.applicantRelationship.hint')}
            value={values['applicantRelationship']}
            error={byField['applicantRelationship']}
            width={20}
          />
          {props.evidenceName ? (
            <p className="nhsuk-body" id="evidence-kept">
              {t('optOut.evidence.kept', { name: props.evidenceName })}
            </p>
          ) : null}
          <FileUpload
            name="evidence"
            label={t('optOut.evidence.label')}
            hint={t('optOut.evidence.hint')}
            error={byField['evidence']}
            accept={ACCEPT}
          />
        </div>

        <h2>{t('optOut.patient.heading')}</h2>
        <p className="nhsuk-hint">{t('optOut.patient.intro')}</p>
        <TextInput
          name="fullName"
          label={t('optOut.fullName.label')}
          value={values['fullName']}
          error={byField['fullName']}
          autoComplete={(enhanced ? chosenWho : who) === 'self' ? 'name' : 'off'}
          spellCheck={false}
        />
        <DateInput
          name="dateOfBirth"
          legend={t('optOut.dateOfBirth.legend')}
          hint={t('optOut.dateOfBirth.hint')}
          value={dateParts(values, 'dateOfBirth')}
          error={byField['dateOfBirth']}
        />
        <Radios
          name="nhsNumberKnown"
          legend={t('optOut.nhsNumberKnown.legend')}
          value={values['nhsNumberKnown']}
          error={byField['nhsNumberKnown']}
          revealedOption={enhanced ? (choices['nhsNumberKnown'] ?? '') : undefined}
          options={[
            {
              value: 'yes',
              label: t('optOut.nhsNumberKnown.yes'),
              conditional: (
                <TextInput
                  name="nhsNumber"
                  label={t('optOut.nhsNumber.label')}
                  hint={t('optOut.nhsNumber.hint')}
                  value={values['nhsNumber']}
                  error={byField['nhsNumber']}
                  width={10}
                  inputMode="numeric"
                  spellCheck={false}
                />
              ),
            },
            { value: 'no', label: t('optOut.nhsNumberKnown.no') },
          ]}
        />
        <AddressFields values={values} byField={byField} />

        <h2>{t('optOut.contact.heading')}</h2>
        <p className="nhsuk-hint">{t('optOut.contact.hint')}</p>
        <TextInput
          name="email"
          type="email"
          label={t('optOut.email.label')}
          hint={t('optOut.email.hint')}
          value={values['email']}
          error={byField['email']}
          autoComplete="email"
          spellCheck={false}
        />
        <TextInput
          name="phone"
          type="tel"
          label={t('optOut.phone.label')}
          hint={t('optOut.phone.hint')}
          value={values['phone']}
          error={byField['phone']}
          autoComplete="tel"
          width={20}
        />
        <Button>{t('optOut.form.continue')}</Button>
      </form>
    </FormPage>
  );
}

function AddressFields({ values, byField }: { values: Record<string, string>; byField: Record<string, string> }) {
  return (
    <fieldset className="nhsuk-fieldset" aria-describedby="address-hint">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{t('optOut.address.legend')}</legend>
      <div className="nhsuk-hint" id="address-hint">
        {t('optOut.address.hint')}
      </div>
      <TextInput
        name="addressLine1"
        label={t('optOut.addressLine1.label')}
        value={values['addressLine1']}
        error={byField['addressLine1']}
        autoComplete="address-line1"
      />
      <TextInput
        name="addressLine2"
        label={t('optOut.addressLine2.label')}
        value={values['addressLine2']}
        error={byField['addressLine2']}
        autoComplete="address-line2"
      />
      <TextInput
        name="town"
        label={t('optOut.town.label')}
        value={values['town']}
        error={byField['town']}
        autoComplete="address-level2"
        width={20}
      />
      <TextInput
        name="postcode"
        label={t('optOut.postcode.label')}
        value={values['postcode']}
        error={byField['postcode']}
        autoComplete="postal-code"
        width={10}
        spellCheck={false}
        dir="ltr"
      />
      <SingleCheckbox name="noPostcode" label={t('optOut.noPostcode.label')} checked={values['noPostcode'] === 'yes'} />
    </fieldset>
  );
}
