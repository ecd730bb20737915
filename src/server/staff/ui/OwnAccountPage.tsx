import { Button, TextInput } from '../../../forms/components/index.ts';
import { errorsByField, type FieldError } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/passwords.ts';
import { Column } from './Column.tsx';
import { CsrfField, PasswordInput } from './PasswordInput.tsx';

/** A member of staff's own account: change the password, get new recovery codes. */
export function OwnAccountPage(props: {
  csrfToken: string;
  recoveryCodesLeft: number;
  done?: 'password' | undefined;
  errors?: readonly FieldError[];
}) {
  const errors = props.errors ?? [];
  const byField = errorsByField(errors);
  return (
    <Column errors={errors}>
      {props.done ? (
        <div className="nhsuk-inset-text" role="status">
          <p>{t('staffAuth.own.passwordChanged')}</p>
        </div>
      ) : null}
      <h1>{t('staffAuth.own.heading')}</h1>
      <h2>{t('staffAuth.own.passwordHeading')}</h2>
      <form method="post" action="/staff/account/password" noValidate>
        <CsrfField token={props.csrfToken} />
        <PasswordInput
          name="currentPassword"
          label={t('staffAuth.own.current')}
          autoComplete="current-password"
          error={byField['currentPassword']}
        />
        <CodeInput name="currentCode" error={byField['currentCode']} />
        <PasswordInput
          name="newPassword"
          label={t('staffAuth.setUp.passwordLabel')}
          hint={t('staffAuth.setUp.passwordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
          autoComplete="new-password"
          error={byField['newPassword']}
        />
        <Button secondary>{t('staffAuth.own.changePassword')}</Button>
      </form>
      <h2>{t('staffAuth.own.codesHeading')}</h2>
      <p>{t('staffAuth.own.codesLeft', { count: props.recoveryCodesLeft })}</p>
      <form method="post" action="/staff/account/recovery-codes" noValidate>
        <CsrfField token={props.csrfToken} />
        <PasswordInput
          name="codesPassword"
          label={t('staffAuth.own.current')}
          autoComplete="current-password"
          error={byField['codesPassword']}
        />
        <CodeInput name="codesCode" error={byField['codesCode']} />
        <Button secondary>{t('staffAuth.own.newCodes')}</Button>
      </form>
    </Column>
  );
}

/** A current authenticator code, asked with the password before sign-in details change. */
function CodeInput({ name, error }: { name: string; error: string | undefined }) {
  return (
    <TextInput
      name={name}
      label={t('staffAuth.own.code')}
      hint={t('staffAuth.own.codeHint')}
      width={10}
      inputMode="numeric"
      autoComplete="one-time-code"
      spellCheck={false}
      error={error}
    />
  );
}
