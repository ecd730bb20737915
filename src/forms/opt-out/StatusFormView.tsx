import type { FormHTMLAttributes, Ref } from 'react';
import { t } from '../../i18n/t.ts';
import { FormPage } from '../components/FormPage.tsx';
import { Button, DateInput, LanguageField, TextInput } from '../components/index.ts';
import { dateParts } from '../date-parts.ts';
import type { FieldError } from '../validation.ts';

export interface StatusFormViewProps {
  values?: Record<string, string>;
  summaryErrors?: readonly FieldError[];
  byField?: Record<string, string>;
  formProps?: FormHTMLAttributes<HTMLFormElement>;
  summaryRef?: Ref<HTMLDivElement>;
}

/** Reference + date of birth, posted to the status function. Static page, island and function share it. */
export function StatusFormView({ values = {}, summaryErrors = [], byField = {}, ...props }: StatusFormViewProps) {
  return (
    <FormPage
      title={t('optOut.status.title')}
      intro={t('optOut.status.intro')}
      summaryErrors={summaryErrors}
      summaryRef={props.summaryRef}
    >
      <form action="/api/opt-out/status" method="post" {...props.formProps}>
        <LanguageField />
        <TextInput
          name="reference"
          label={t('optOut.reference.label')}
          hint={t('optOut.reference.hint')}
          value={values['reference']}
          error={byField['reference']}
          width={10}
          spellCheck={false}
          autoComplete="off"
          dir="ltr"
        />
        <DateInput
          name="dateOfBirth"
          legend={t('optOut.statusDateOfBirth.legend')}
          hint={t('optOut.dateOfBirth.hint')}
          value={dateParts(values, 'dateOfBirth')}
          error={byField['dateOfBirth']}
        />
        <Button>{t('optOut.status.button')}</Button>
      </form>
    </FormPage>
  );
}
