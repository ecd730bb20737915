import { Button } from '../../../../forms/components/index.ts';
import { errorsByField, type FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { Column } from '../../views/Column.tsx';
import { CodeInput, PasswordInput } from '../../views/PasswordInput.tsx';
import { CsrfField } from '../../views/parts.tsx';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords.ts';

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
        <CurrentPasswordAndCode passwordName="currentPassword" codeName="currentCode" byField={byField} />
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
        <CurrentPasswordAndCode passwordName="codesPassword" codeName="codesCode" byField={byField} />
        <Button secondary>{t('staffAuth.own.newCodes')}</Button>
      </form>
    </Column>
  );
}

/** The current password and authenticator code, asked again before sign-in details change. */
function CurrentPasswordAndCode(props: { passwordName: string; codeName: string; byField: Record<string, string> }) {
  const { passwordName, codeName, byField } = props;
  return (
    <>
      <PasswordInput
        name={passwordName}
        label={t('staffAuth.own.current')}
        autoComplete="current-password"
        error={byField[passwordName]}
      />
      <CodeInput
        name={codeName}
        label={t('staffAuth.own.code')}
        hint={t('staffAuth.own.codeHint')}
        error={byField[codeName]}
      />
    </>
  );
}
