import { t } from '../../../i18n/t.ts';
import { decryptField } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import { staffUsers } from '../../db/staff-schema.ts';
import type { PublicContext, StaffRoute } from '../route-table.ts';
import { createSession, findSession, readCookie, rotateSession, SESSION_COOKIE } from '../session.ts';
import { findAccountRow } from './accounts.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from './passwords.ts';
import { field, jsonErrors, seeOther, withSessionCookie } from './responses.ts';
import { choosePassword, confirmAuthenticator, pendingTotpSecret } from './set-up.ts';
import { peekSetupToken } from './setup-tokens.ts';
import { totpQrSvg } from './totp.ts';
import { AuthenticatorPage, ChoosePasswordPage, LinkInvalidPage, RecoveryCodesPage } from './views/SetUpPages.tsx';

/** Setting up an account from a one-time link (password, authenticator app, recovery codes); the routes are in routes.ts. */

const PASSWORD_MESSAGES = {
  missing: () => t('staffAuth.setUp.errorMissing'),
  'too-short': () => t('staffAuth.setUp.errorShort', { min: PASSWORD_MIN_LENGTH }),
  'too-long': () => t('staffAuth.setUp.errorLong', { max: PASSWORD_MAX_LENGTH }),
  common: () => t('staffAuth.setUp.errorCommon'),
} as const;

/** GET /staff/set-up */
export async function setUpPageHandler(ctx: PublicContext): Promise<Response> {
  const token = ctx.query.get('token') ?? '';
  if ((await peekSetupToken(ctx.services.store.db, token, ctx.now())) === undefined) {
    return ctx.page({ title: t('staffAuth.setUp.invalidTitle'), body: <LinkInvalidPage />, status: 404 });
  }
  return ctx.page({
    title: t('staffAuth.setUp.passwordTitle'),
    body: <ChoosePasswordPage csrfToken={ctx.csrfToken} token={token} />,
  });
}

/** POST /staff/set-up */
export async function setUpPasswordHandler(ctx: PublicContext): Promise<Response> {
  const token = field(ctx.body, 'token');
  const password = field(ctx.body, 'password');
  const db = ctx.services.store.db;
  const userId = await peekSetupToken(db, token, ctx.now());
  if (userId === undefined) {
    return ctx.page({ title: t('staffAuth.setUp.invalidTitle'), body: <LinkInvalidPage />, status: 404 });
  }
  const row = await findAccountRow(db, userId);
  const problem = passwordProblem(
    password,
    row
      ? { email: decryptField(ctx.services.keyring, row.emailEncrypted, slotOf(staffUsers.emailEncrypted, row.id)) }
      : {},
  );
  if (problem) {
    const errors = [{ field: 'password', message: PASSWORD_MESSAGES[problem]() }];
    if (ctx.wantsJson) return jsonErrors(errors);
    return ctx.page({
      title: `Error: ${t('staffAuth.setUp.passwordTitle')}`,
      body: <ChoosePasswordPage csrfToken={ctx.csrfToken} token={token} errors={errors} />,
    });
  }
  const saved = await choosePassword(ctx.services, token, password, ctx.now());
  if (saved === undefined) {
    return ctx.page({ title: t('staffAuth.setUp.invalidTitle'), body: <LinkInvalidPage />, status: 404 });
  }
  const { token: sessionToken } = await createSession(db, saved, 'totp-set-up', ctx.now());
  return seeOther('/staff/set-up/authenticator', { token: sessionToken });
}

/** GET /staff/set-up/authenticator */
export async function authenticatorPageHandler(ctx: PublicContext): Promise<Response> {
  if (ctx.session?.stage !== 'totp-set-up') return seeOther('/staff/sign-in');
  return authenticatorPage(ctx);
}

/** POST /staff/set-up/authenticator */
export async function authenticatorHandler(ctx: PublicContext): Promise<Response> {
  const lookup = await findSession(ctx.services.store.db, readCookie(ctx.request, SESSION_COOKIE), ctx.now());
  if (lookup.status !== 'ok' || lookup.session.stage !== 'totp-set-up') return seeOther('/staff/sign-in');
  const code = field(ctx.body, 'code').trim();
  const codes = code ? await confirmAuthenticator(ctx.services, lookup.session.userId, code, ctx.now()) : undefined;
  if (!codes) {
    const message = code ? t('staffAuth.setUp.totpErrorWrong') : t('staffAuth.setUp.totpErrorMissing');
    if (ctx.wantsJson) return jsonErrors([{ field: 'code', message }]);
    return authenticatorPage(ctx, [{ field: 'code', message }]);
  }
  const { token } = await rotateSession(ctx.services.store.db, lookup.session, 'active', ctx.now());
  if (ctx.wantsJson) return withSessionCookie(Response.json({ recoveryCodes: codes }), token);
  const page = await ctx.page({
    title: t('staffAuth.setUp.codesTitle'),
    body: <RecoveryCodesPage codes={codes} />,
  });
  return withSessionCookie(page, token);
}

async function authenticatorPage(
  ctx: Parameters<Extract<StaffRoute, { access: 'public' }>['handler']>[0],
  errors: { field: string; message: string }[] = [],
): Promise<Response> {
  const userId = ctx.session?.userId;
  const secret = userId === undefined ? undefined : await pendingTotpSecret(ctx.services, userId);
  if (!secret || userId === undefined) return seeOther('/staff/sign-in');
  const qrSvg = await totpQrSvg(secret, `staff-${userId}`);
  return ctx.page({
    title: `${errors.length ? 'Error: ' : ''}${t('staffAuth.setUp.totpTitle')}`,
    body: <AuthenticatorPage csrfToken={ctx.csrfToken} qrSvg={qrSvg} secret={secret} errors={errors} />,
  });
}
