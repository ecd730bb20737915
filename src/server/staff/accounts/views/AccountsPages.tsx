import { STAFF_ROLES, type StaffRole } from '../../../../domain/staff.ts';
import { Button, Checkboxes, TextInput } from '../../../../forms/components/index.ts';
import { errorsByField, type FieldError } from '../../../../forms/validation.ts';
import { formatDate, t } from '../../../../i18n/t.ts';
import type { StaffAccount } from '../../auth/accounts.ts';
import { Column } from '../../views/Column.tsx';
import { CsrfField } from '../../views/parts.tsx';

/** What just happened to the account, shown once after the redirect. */
export const ACCOUNT_DONE = ['invited', 'roles', 'disabled', 'enabled', 'reset', 'signed-out', 'unlocked'] as const;
export type AccountDone = (typeof ACCOUNT_DONE)[number];

const roleOptions = () =>
  STAFF_ROLES.map((role) => ({
    value: role,
    label: t(`staffAuth.roles.${role}`),
    hint: t(`staffAuth.roles.${role}Hint`),
  }));
const roleNames = (roles: readonly StaffRole[]) =>
  roles.map((role) => t(`staffAuth.roles.${role}`)).join(', ') || t('staffAuth.accounts.noRoles');
const statusName = (account: StaffAccount, now: Date) =>
  account.lockedUntil && account.lockedUntil > now
    ? t('staffAuth.accounts.status.locked')
    : t(`staffAuth.accounts.status.${account.status}`);

export function AccountListPage({ accounts, now }: { accounts: readonly StaffAccount[]; now: Date }) {
  return (
    <>
      <h1>{t('staffAuth.accounts.heading')}</h1>
      <p>
        <a className="nhsuk-button" href="/staff/accounts/new">
          {t('staffAuth.accounts.invite')}
        </a>
      </p>
      <table className="nhsuk-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{t('staffAuth.accounts.heading')}</caption>
        <thead className="nhsuk-table__head">
          <tr>
            <th scope="col">{t('staffAuth.accounts.name')}</th>
            <th scope="col">{t('staffAuth.accounts.roles')}</th>
            <th scope="col">{t('staffAuth.accounts.statusLabel')}</th>
            <th scope="col">{t('staffAuth.accounts.lastSignIn')}</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {accounts.map((account) => (
            <tr key={account.id}>
              <td>
                <a href={`/staff/accounts/${account.id}`}>{account.name}</a>
              </td>
              <td>{roleNames(account.roles)}</td>
              <td>{statusName(account, now)}</td>
              <td>{account.lastSignInAt ? formatDate(account.lastSignInAt) : t('staffAuth.accounts.never')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function InvitePage(props: {
  csrfToken: string;
  values?: { name?: string; email?: string; roles?: readonly string[] };
  errors?: readonly FieldError[];
}) {
  const errors = props.errors ?? [];
  const byField = errorsByField(errors);
  return (
    <Column errors={errors}>
      <h1>{t('staffAuth.accounts.inviteHeading')}</h1>
      <p>{t('staffAuth.accounts.inviteIntro')}</p>
      <form method="post" action="/staff/accounts/new" noValidate>
        <CsrfField token={props.csrfToken} />
        <TextInput
          name="name"
          label={t('staffAuth.accounts.name')}
          value={props.values?.name}
          error={byField['name']}
          autoComplete="off"
        />
        <TextInput
          name="email"
          label={t('staffAuth.accounts.email')}
          type="email"
          spellCheck={false}
          autoComplete="off"
          value={props.values?.email}
          error={byField['email']}
        />
        <Checkboxes
          name="roles"
          legend={t('staffAuth.accounts.roles')}
          options={roleOptions()}
          values={props.values?.roles}
          error={byField['roles']}
        />
        <Button>{t('staffAuth.accounts.inviteSend')}</Button>
      </form>
    </Column>
  );
}

export function AccountPage(props: {
  account: StaffAccount;
  csrfToken: string;
  now: Date;
  done?: AccountDone | undefined;
  errors?: readonly FieldError[];
  isSelf: boolean;
}) {
  const { account, csrfToken } = props;
  const errors = props.errors ?? [];
  const action = (path: string) => `/staff/accounts/${account.id}/${path}`;
  return (
    <Column errors={errors}>
      {props.done ? (
        <div className="nhsuk-inset-text" role="status">
          <p>{t(`staffAuth.accounts.done.${props.done}`)}</p>
        </div>
      ) : null}
      <h1>{account.name}</h1>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{t('staffAuth.accounts.email')}</dt>
          <dd className="nhsuk-summary-list__value">{account.email}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{t('staffAuth.accounts.statusLabel')}</dt>
          <dd className="nhsuk-summary-list__value">{statusName(account, props.now)}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">{t('staffAuth.accounts.lastSignIn')}</dt>
          <dd className="nhsuk-summary-list__value">
            {account.lastSignInAt ? formatDate(account.lastSignInAt) : t('staffAuth.accounts.never')}
          </dd>
        </div>
      </dl>
      <h2>{t('staffAuth.accounts.rolesHeading')}</h2>
      <form method="post" action={action('roles')} noValidate>
        <CsrfField token={csrfToken} />
        <Checkboxes
          name="roles"
          legend={t('staffAuth.accounts.rolesQuestion')}
          hint={props.isSelf ? t('staffAuth.accounts.selfAdminHint') : undefined}
          options={roleOptions()}
          values={account.roles}
          error={errorsByField(errors)['roles']}
        />
        <Button secondary>{t('staffAuth.accounts.saveRoles')}</Button>
      </form>
      {props.isSelf ? null : (
        <>
          {account.lockedUntil && account.lockedUntil > props.now ? (
            <>
              <h2>{t('staffAuth.accounts.unlockHeading')}</h2>
              <p>{t('staffAuth.accounts.unlockIntro')}</p>
              <form method="post" action={action('unlock')}>
                <CsrfField token={csrfToken} />
                <Button secondary>{t('staffAuth.accounts.unlock')}</Button>
              </form>
            </>
          ) : null}
          <h2>{t('staffAuth.accounts.signOutHeading')}</h2>
          <p>{t('staffAuth.accounts.signOutIntro')}</p>
          <form method="post" action={action('sign-out')}>
            <CsrfField token={csrfToken} />
            <Button secondary>{t('staffAuth.accounts.signOut')}</Button>
          </form>
          <h2 id="reset">{t('staffAuth.accounts.resetHeading')}</h2>
          {account.status === 'disabled' ? (
            <p>{t('staffAuth.accounts.disabledNoReset')}</p>
          ) : (
            <>
              <p>{t('staffAuth.accounts.resetIntro')}</p>
              <form method="post" action={action('reset')}>
                <CsrfField token={csrfToken} />
                <Button secondary>{t('staffAuth.accounts.reset')}</Button>
              </form>
            </>
          )}
          <h2>
            {account.status === 'disabled'
              ? t('staffAuth.accounts.enableHeading')
              : t('staffAuth.accounts.disableHeading')}
          </h2>
          <form method="post" action={action(account.status === 'disabled' ? 'enable' : 'disable')}>
            <CsrfField token={csrfToken} />
            <Button secondary>
              {account.status === 'disabled' ? t('staffAuth.accounts.enable') : t('staffAuth.accounts.disable')}
            </Button>
          </form>
        </>
      )}
      <p>
        <a href="/staff/accounts">{t('staffAuth.accounts.back')}</a>
      </p>
    </Column>
  );
}

/**
 * Asked before a disabled account comes back: it signs in again with its old password,
 * authenticator and roles, so the admin sees the roles and confirms. A plain form post, so it
 * works without JavaScript; "No" is a link back to the account.
 */
export function EnableConfirmPage(props: { account: StaffAccount; csrfToken: string }) {
  const { account } = props;
  return (
    <Column>
      <h1>{t('staffAuth.accounts.enableConfirmHeading', { name: account.name })}</h1>
      <p>{t('staffAuth.accounts.enableConfirmBody', { roles: roleNames(account.roles) })}</p>
      <form method="post" action={`/staff/accounts/${account.id}/enable`}>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="confirm" value="yes" />
        <Button>{t('staffAuth.accounts.enableConfirm')}</Button>
      </form>
      <p>
        <a href={`/staff/accounts/${account.id}`}>{t('staffAuth.accounts.enableCancel')}</a>
      </p>
    </Column>
  );
}
