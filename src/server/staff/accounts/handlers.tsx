import { z } from 'zod';
import { STAFF_ROLES } from '../../../domain/staff.ts';
import { validateForm } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';
import { enqueueEmail } from '../../mail/outbox.ts';
import { kickOutbox } from '../../mail/outbox-timer.ts';
import { readAudit } from '../audit.ts';
import { DuplicateAccountError, findAccountRow, listAccounts, type StaffAccount, toAccount } from '../auth/accounts.ts';
import { field, jsonErrors, seeOther } from '../auth/responses.ts';
import type { StaffContext } from '../route-table.ts';
import { sha256 } from '../session.ts';
import { changeRoles, endSessions, inviteStaff, resetAccount, setDisabled, unlockAccount } from './account-changes.ts';
import { ACCOUNT_DONE, AccountListPage, AccountPage, EnableConfirmPage, InvitePage } from './views/AccountsPages.tsx';
import { AuditPage } from './views/AuditPage.tsx';

/** Staff accounts and the audit log, for administrators; the routes are in routes.ts. */

const rolesField = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => [value ?? []].flat())
  .pipe(z.array(z.enum(STAFF_ROLES)));

const inviteSchema = z.object({
  name: z.string().trim().min(1, t('staffAuth.accounts.errorName')).max(100, t('staffAuth.accounts.errorNameLong')),
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email(t('staffAuth.accounts.errorEmail'))),
  roles: rolesField.refine((roles) => roles.length > 0, t('staffAuth.accounts.errorRoles')),
});

const deps = (ctx: StaffContext) => ({ db: ctx.services.store.db, keyring: ctx.services.keyring });

/** The account behind :id, or undefined (so the route answers 404). */
async function accountFor(ctx: StaffContext) {
  const id = Number(ctx.params['id']);
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  const row = await findAccountRow(ctx.services.store.db, id);
  return row ? toAccount(ctx.services.keyring, row) : undefined;
}

const notFound = (ctx: StaffContext) =>
  ctx.wantsJson
    ? jsonErrors([{ field: 'id', message: t('staffAuth.errors.notFound') }], 404)
    : ctx.page({ title: t('staffAuth.errors.notFound'), body: <h1>{t('staffAuth.errors.notFound')}</h1>, status: 404 });

async function sendSetUpLink(
  ctx: StaffContext,
  userId: number,
  email: string,
  token: string,
  kind: 'invite' | 'reset',
) {
  await enqueueEmail(ctx.services.store.db, ctx.services.keyring, {
    dedupeKey: `staff-${kind}:${userId}:${sha256(token).slice(0, 16)}`,
    to: email,
    template: kind === 'invite' ? 'staff-invite' : 'staff-reset',
    params: { token },
  });
  kickOutbox();
}

/** A POST on one account: change it, then back to its page saying what happened. */
function accountAction(
  done: (typeof ACCOUNT_DONE)[number],
  change: (ctx: StaffContext, account: StaffAccount) => Promise<Response | undefined>,
): (ctx: StaffContext) => Promise<Response> {
  return async (ctx) => {
    const account = await accountFor(ctx);
    if (!account) return notFound(ctx);
    const refused = await change(ctx, account);
    if (refused) return refused;
    return ctx.wantsJson
      ? Response.json({ id: account.id, done })
      : seeOther(`/staff/accounts/${account.id}?done=${done}`);
  };
}

/**
 * The account page again with why a change was refused: an admin taking their own admin role
 * away or locking themselves out (errorSelf), granting themselves a role, resetting a disabled
 * account.
 */
function refusal(
  ctx: StaffContext,
  account: StaffAccount,
  message = t('staffAuth.accounts.errorSelf'),
  field = 'roles',
): Promise<Response> {
  const errors = [{ field, message }];
  if (ctx.wantsJson) return Promise.resolve(jsonErrors(errors));
  return ctx.page({
    title: `Error: ${account.name}`,
    body: <AccountPage account={account} csrfToken={ctx.csrfToken} now={ctx.now()} errors={errors} isSelf />,
    status: 422,
  });
}

/** GET /staff/accounts */
export async function accountListHandler(ctx: StaffContext): Promise<Response> {
  const accounts = await listAccounts(deps(ctx));
  if (ctx.wantsJson) {
    return Response.json({
      accounts: accounts.map(({ id, name, roles, status, lastSignInAt }) => ({
        id,
        name,
        roles,
        status,
        lastSignInAt,
      })),
    });
  }
  return ctx.page({
    title: t('staffAuth.accounts.heading'),
    body: <AccountListPage accounts={accounts} now={ctx.now()} />,
  });
}

/** GET /staff/accounts/new */
export async function invitePageHandler(ctx: StaffContext): Promise<Response> {
  return ctx.page({ title: t('staffAuth.accounts.inviteHeading'), body: <InvitePage csrfToken={ctx.csrfToken} /> });
}

/** POST /staff/accounts/new */
export async function inviteHandler(ctx: StaffContext): Promise<Response> {
  const result = validateForm(inviteSchema, ctx.body);
  let errors = result.ok ? [] : result.errors;
  if (result.ok) {
    try {
      const created = await inviteStaff(ctx.services, result.data, ctx.staff.id, ctx.now());
      await sendSetUpLink(ctx, created.id, result.data.email, created.token, 'invite');
      return ctx.wantsJson
        ? Response.json({ id: created.id }, { status: 201 })
        : seeOther(`/staff/accounts/${created.id}?done=invited`);
    } catch (error) {
      if (!(error instanceof DuplicateAccountError)) throw error;
      errors = [{ field: 'email', message: t('staffAuth.accounts.errorDuplicate') }];
    }
  }
  if (ctx.wantsJson) return jsonErrors(errors);
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  return ctx.page({
    title: `Error: ${t('staffAuth.accounts.inviteHeading')}`,
    body: (
      <InvitePage
        csrfToken={ctx.csrfToken}
        errors={errors}
        values={{ name: text('name'), email: text('email'), roles: [body['roles'] ?? []].flat().map(String) }}
      />
    ),
  });
}

/** GET /staff/accounts/:id */
export async function accountPageHandler(ctx: StaffContext): Promise<Response> {
  const account = await accountFor(ctx);
  if (!account) return notFound(ctx);
  await ctx.audit({ action: 'staff.view', subjectType: 'staff-user', subjectRef: String(account.id) });
  if (ctx.wantsJson) return Response.json({ account });
  const done = ACCOUNT_DONE.find((value) => value === ctx.query.get('done'));
  return ctx.page({
    title: account.name,
    body: (
      <AccountPage
        account={account}
        csrfToken={ctx.csrfToken}
        now={ctx.now()}
        done={done}
        isSelf={account.id === ctx.staff.id}
      />
    ),
  });
}

/** GET /staff/audit */
export async function auditLogHandler(ctx: StaffContext): Promise<Response> {
  const action = (ctx.query.get('action') ?? '').trim().slice(0, 60);
  const actor = (ctx.query.get('actor') ?? '').trim();
  const actorId = /^\d{1,12}$/.test(actor) ? Number(actor) : undefined;
  const rows = await readAudit(ctx.services.store.db, {
    limit: 200,
    ...(action ? { action } : {}),
    ...(actorId === undefined ? {} : { actorId }),
  });
  await ctx.audit({ action: 'audit.view', detail: { action: action || null, actor: actorId ?? null } });
  if (ctx.wantsJson) return Response.json({ entries: rows });
  const names = new Map((await listAccounts(deps(ctx))).map((account) => [account.id, account.name]));
  return ctx.page({
    title: t('staffAuth.audit.heading'),
    body: <AuditPage rows={rows} action={action} actor={actor} names={names} />,
  });
}

/** POST /staff/accounts/:id/roles */
export const changeRolesHandler = accountAction('roles', async (ctx, account) => {
  const roles = rolesField.safeParse((ctx.body as Record<string, unknown> | undefined)?.['roles']);
  if (!roles.success) return jsonErrors([{ field: 'roles', message: t('staffAuth.accounts.errorRoles') }]);
  if (account.id === ctx.staff.id && !roles.data.includes('admin')) return refusal(ctx, account);
  const changed = await changeRoles(ctx.services, account.id, roles.data, ctx.staff.id, ctx.now());
  if (changed === 'own-grant-refused') return refusal(ctx, account, t('staffAuth.accounts.errorSelfGrant'));
  return undefined;
});

/** POST /staff/accounts/:id/disable */
export const disableHandler = accountAction('disabled', async (ctx, account) => {
  if (account.id === ctx.staff.id) return refusal(ctx, account);
  await setDisabled(ctx.services, account.id, true, ctx.staff.id, ctx.now());
  return undefined;
});

/** POST /staff/accounts/:id/unlock */
export const unlockHandler = accountAction('unlocked', async (ctx, account) => {
  await unlockAccount(ctx.services, account.id, ctx.staff.id, ctx.now());
  return undefined;
});

/** POST /staff/accounts/:id/sign-out */
export const signOutEverywhereHandler = accountAction('signed-out', async (ctx, account) => {
  await endSessions(ctx.services, account.id, ctx.staff.id, ctx.now());
  return undefined;
});

/** POST /staff/accounts/:id/enable */
export const enableHandler = accountAction('enabled', async (ctx, account) => {
  if (account.status !== 'disabled') return undefined;
  // A plain form post first shows what enabling means and asks again; only confirm=yes acts.
  if (field(ctx.body, 'confirm') !== 'yes') {
    if (ctx.wantsJson) return jsonErrors([{ field: 'confirm', message: t('staffAuth.accounts.errorEnableConfirm') }]);
    return ctx.page({
      title: t('staffAuth.accounts.enableConfirmHeading', { name: account.name }),
      body: <EnableConfirmPage account={account} csrfToken={ctx.csrfToken} />,
    });
  }
  await setDisabled(ctx.services, account.id, false, ctx.staff.id, ctx.now());
  return undefined;
});

/** POST /staff/accounts/:id/reset */
export const resetHandler = accountAction('reset', async (ctx, account) => {
  if (account.id === ctx.staff.id) return refusal(ctx, account);
  const token = await resetAccount(ctx.services, account.id, ctx.staff.id, ctx.now());
  if (!token) return refusal(ctx, account, t('staffAuth.accounts.errorResetDisabled'), 'reset');
  await sendSetUpLink(ctx, account.id, account.email, token, 'reset');
  return undefined;
});
