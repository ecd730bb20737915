import { Button, TextInput } from '../../../../forms/components/index.ts';
import type { FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { Column } from '../../views/Column.tsx';

interface Props {
  csrfToken: string;
  value?: string;
  errors?: readonly FieldError[];
}

/**
 * The subject-access search: one box for a reference or an NHS number. It posts (with the CSRF
 * token) rather than using GET, so an NHS number never appears in a URL, a log or browser history.
 * A match answers with the JSON file itself.
 */
export function SubjectAccessPage({ csrfToken, value, errors = [] }: Props) {
  return (
    <Column errors={errors}>
      <h1>{t('subjectAccess.title')}</h1>
      <p>{t('subjectAccess.intro')}</p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>{t('subjectAccess.includes.optOuts')}</li>
        <li>{t('subjectAccess.includes.feedback')}</li>
        <li>{t('subjectAccess.includes.emails')}</li>
      </ul>
      <p>{t('subjectAccess.check')}</p>
      <form method="post" action="/staff/subject-access" noValidate>
        <input type="hidden" name="csrfToken" value={csrfToken} />
        <TextInput
          name="search"
          label={t('subjectAccess.search.label')}
          hint={t('subjectAccess.search.hint')}
          value={value}
          error={errors.find((error) => error.field === 'search')?.message}
          width={10}
          spellCheck={false}
          autoComplete="off"
        />
        <Button>{t('subjectAccess.search.submit')}</Button>
      </form>
      <p className="nhsuk-body-s">{t('subjectAccess.audited')}</p>
    </Column>
  );
}
