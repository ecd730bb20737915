import { Button, TextInput } from '../../../../forms/components/index.ts';
import { errorsByField, type FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { Column } from '../../views/Column.tsx';
import { PasswordInput } from '../../views/PasswordInput.tsx';
import { CsrfField } from '../../views/parts.tsx';

interface SignInProps {
  csrfToken: string;
  email?: string;
  errors?: readonly FieldError[];
  /** Why the person is here: signed out by the idle limit, or by choice. */
  notice?: 'timed-out' | 'signed-out' | undefined;
}

export function SignInPage({ csrfToken, email, errors = [], notice }: SignInProps) {
  const byField = errorsByField(errors);
  return (
    <Column errors={errors}>
      {notice ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">{t('staffAuth.signIn.noticeLabel')} </span>
          <p>{t(notice === 'timed-out' ? 'staffAuth.signIn.timedOut' : 'staffAuth.signIn.signedOut')}</p>
        </div>
      ) : null}
      <h1>{t('staffAuth.signIn.heading')}</h1>
      <form method="post" action="/staff/sign-in" noValidate>
        <CsrfField token={csrfToken} />
        <TextInput
          name="email"
          label={t('staffAuth.signIn.email')}
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          error={byField['email']}
        />
        <PasswordInput
          name="password"
          label={t('staffAuth.signIn.password')}
          autoComplete="current-password"
          error={byField['password']}
        />
        <Button>{t('staffAuth.signIn.continue')}</Button>
      </form>
      <p>{t('staffAuth.signIn.help')}</p>
    </Column>
  );
}

export function CodePage({ csrfToken, errors = [] }: { csrfToken: string; errors?: readonly FieldError[] }) {
  const byField = errorsByField(errors);
  return (
    <Column errors={errors}>
      <form method="post" action="/staff/sign-in/code" noValidate>
        <CsrfField token={csrfToken} />
        <TextInput
          name="code"
          label={t('staffAuth.code.heading')}
          labelIsHeading
          hint={t('staffAuth.code.hint')}
          width={10}
          autoComplete="one-time-code"
          inputMode="text"
          spellCheck={false}
          error={byField['code']}
        />
        <Button>{t('staffAuth.code.continue')}</Button>
      </form>
      <p>
        <a href="/staff/sign-in">{t('staffAuth.code.startAgain')}</a>
      </p>
    </Column>
  );
}
