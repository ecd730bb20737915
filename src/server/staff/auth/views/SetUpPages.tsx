import { Button } from '../../../../forms/components/index.ts';
import { errorsByField, type FieldError } from '../../../../forms/validation.ts';
import { t } from '../../../../i18n/t.ts';
import { Column } from '../../views/Column.tsx';
import { CodeInput, PasswordInput } from '../../views/PasswordInput.tsx';
import { CsrfField } from '../../views/parts.tsx';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords.ts';

export function ChoosePasswordPage(props: { csrfToken: string; token: string; errors?: readonly FieldError[] }) {
  const errors = props.errors ?? [];
  return (
    <Column errors={errors}>
      <h1>{t('staffAuth.setUp.passwordHeading')}</h1>
      <p>{t('staffAuth.setUp.passwordIntro')}</p>
      <form method="post" action="/staff/set-up" noValidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="token" value={props.token} />
        <PasswordInput
          name="password"
          label={t('staffAuth.setUp.passwordLabel')}
          hint={t('staffAuth.setUp.passwordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
          autoComplete="new-password"
          error={errorsByField(errors)['password']}
        />
        <Button>{t('staffAuth.setUp.continue')}</Button>
      </form>
    </Column>
  );
}

export function LinkInvalidPage() {
  return (
    <Column>
      <h1>{t('staffAuth.setUp.invalidHeading')}</h1>
      <p>{t('staffAuth.setUp.invalidBody')}</p>
    </Column>
  );
}

export function AuthenticatorPage(props: {
  csrfToken: string;
  qrSvg: string;
  secret: string;
  errors?: readonly FieldError[];
}) {
  const errors = props.errors ?? [];
  return (
    <Column errors={errors}>
      <h1>{t('staffAuth.setUp.totpHeading')}</h1>
      <p>{t('staffAuth.setUp.totpIntro')}</p>
      <h2 className="nhsuk-heading-s">{t('staffAuth.setUp.totpScan')}</h2>
      {/* The QR code is an image of the secret below; the written-out secret is its text alternative. */}
      <div
        role="img"
        aria-label={t('staffAuth.setUp.totpQrLabel')}
        style={{ width: 200, height: 200 }}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: SVG made by the qrcode library from our own otpauth URI.
        dangerouslySetInnerHTML={{ __html: props.qrSvg }}
      />
      <h2 className="nhsuk-heading-s">{t('staffAuth.setUp.totpManual')}</h2>
      <p>{t('staffAuth.setUp.totpManualHint')}</p>
      <p className="staff-secret" id="totp-secret" data-secret={props.secret}>
        {props.secret.match(/.{1,4}/g)?.join(' ')}
      </p>
      <form method="post" action="/staff/set-up/authenticator" noValidate>
        <CsrfField token={props.csrfToken} />
        <CodeInput
          name="code"
          label={t('staffAuth.setUp.totpCode')}
          hint={t('staffAuth.setUp.totpCodeHint')}
          error={errorsByField(errors)['code']}
        />
        <Button>{t('staffAuth.setUp.totpConfirm')}</Button>
      </form>
    </Column>
  );
}

export function RecoveryCodesPage({ codes }: { codes: readonly string[] }) {
  return (
    <Column>
      <h1>{t('staffAuth.setUp.codesHeading')}</h1>
      <p>{t('staffAuth.setUp.codesIntro')}</p>
      <ul className="nhsuk-list staff-recovery-codes" id="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <p>{t('staffAuth.setUp.codesOnce')}</p>
      <a className="nhsuk-button" href="/staff/">
        {t('staffAuth.setUp.codesContinue')}
      </a>
    </Column>
  );
}
