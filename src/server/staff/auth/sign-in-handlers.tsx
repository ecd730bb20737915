import { t } from '../../../i18n/t.ts';
import type { Services } from '../../services.ts';
import { withAudit } from '../audit.ts';
import type { PublicContext, StaffContext } from '../route-table.ts';
import {
  createSession,
  findSession,
  readCookie,
  revokeSession,
  rotateSession,
  SESSION_COOKIE,
  sessionCookie,
  sha256,
} from '../session.ts';
import { field, jsonErrors, seeOther } from './responses.ts';
import { checkCodeStep, checkPasswordStep, completeSignIn } from './sign-in.ts';
import { accountAndClientLimit, signInLimit, tooManyMessage } from './sign-in-limits.ts';
import { CodePage, SignInPage } from './views/SignInPages.tsx';

/** Sign-in (email and password, then a code), sign-out and "stay signed in"; the routes are in routes.ts. */

/** GET /staff/sign-in */
export async function signInPageHandler(ctx: PublicContext): Promise<Response> {
  if (ctx.session?.stage === 'active') return seeOther('/staff/');
  const notice =
    ctx.query.get('timed-out') === 'yes'
      ? 'timed-out'
      : ctx.query.get('signed-out') === 'yes'
        ? 'signed-out'
        : undefined;
  return ctx.page({
    title: t('staffAuth.signIn.title'),
    body: <SignInPage csrfToken={ctx.csrfToken} notice={notice} />,
  });
}

/** POST /staff/sign-in */
export async function signInHandler(ctx: PublicContext): Promise<Response> {
  const email = field(ctx.body, 'email').trim();
  const password = field(ctx.body, 'password');
  const errors = [
    ...(email ? [] : [{ field: 'email', message: t('staffAuth.signIn.errorEmail') }]),
    ...(password ? [] : [{ field: 'password', message: t('staffAuth.signIn.errorPassword') }]),
  ];
  const limit = errors.length ? { allowed: true as const } : await signInLimits(ctx, { email });
  if (!limit.allowed) {
    errors.push({
      field: 'email',
      message: tooManyMessage(limit.retryAfterSeconds),
    });
  } else if (!errors.length) {
    const result = await checkPasswordStep(ctx.services, { email, password }, ctx.now());
    if (result.ok) {
      if (ctx.session)
        await revokeSession(ctx.services.store.db, sha256(readCookie(ctx.request, SESSION_COOKIE) ?? ''), ctx.now());
      const { token } = await createSession(ctx.services.store.db, result.userId, 'password', ctx.now());
      return ctx.wantsJson
        ? withJsonCookie({ next: '/staff/sign-in/code' }, token)
        : seeOther('/staff/sign-in/code', { token });
    }
    errors.push({ field: 'email', message: t('staffAuth.signIn.errorWrong') });
  }
  if (ctx.wantsJson) return jsonErrors(errors, limit.allowed ? 422 : 429);
  return ctx.page({
    title: `Error: ${t('staffAuth.signIn.title')}`,
    body: <SignInPage csrfToken={ctx.csrfToken} email={email} errors={errors} />,
    status: limit.allowed ? 200 : 429,
  });
}

/** GET /staff/sign-in/code */
export async function codePageHandler(ctx: PublicContext): Promise<Response> {
  if (ctx.session?.stage !== 'password') return seeOther('/staff/sign-in');
  return ctx.page({ title: t('staffAuth.code.title'), body: <CodePage csrfToken={ctx.csrfToken} /> });
}

/** POST /staff/sign-in/code */
export async function codeHandler(ctx: PublicContext): Promise<Response> {
  const session = await currentSession(ctx.request, ctx.services, ctx.now());
  if (session?.stage !== 'password') return seeOther('/staff/sign-in');
  const code = field(ctx.body, 'code').trim();
  let message = code ? undefined : t('staffAuth.code.errorMissing');
  if (code) {
    const limit = await signInLimits(ctx, { userId: session.userId });
    if (!limit.allowed) message = tooManyMessage(limit.retryAfterSeconds);
    else {
      const result = await checkCodeStep(ctx.services, session.userId, code, ctx.now());
      if (result.ok) {
        await completeSignIn(ctx.services, session.userId, result.method ?? 'totp', ctx.now());
        const { token } = await rotateSession(ctx.services.store.db, session, 'active', ctx.now());
        return ctx.wantsJson ? withJsonCookie({ next: '/staff/' }, token) : seeOther('/staff/', { token });
      }
      message = t('staffAuth.code.errorWrong');
    }
  }
  const errors = [{ field: 'code', message: message ?? '' }];
  if (ctx.wantsJson) return jsonErrors(errors);
  return ctx.page({
    title: `Error: ${t('staffAuth.code.title')}`,
    body: <CodePage csrfToken={ctx.csrfToken} errors={errors} />,
  });
}

/** POST /staff/sign-out */
export async function signOutHandler(ctx: StaffContext): Promise<Response> {
  const token = readCookie(ctx.request, SESSION_COOKIE) ?? '';
  // The idle-warning script posts reason=timeout when the time runs out in the browser.
  const timedOut = field(ctx.body, 'reason') === 'timeout';
  await withAudit(
    ctx.services.store.db,
    (tx) => revokeSession(tx, sha256(token), ctx.now()),
    () =>
      timedOut
        ? { actorId: ctx.staff.id, action: 'session.timeout', detail: { reason: 'idle-browser' } }
        : { actorId: ctx.staff.id, action: 'sign-out' },
    ctx.now(),
  );
  return seeOther(timedOut ? '/staff/sign-in?timed-out=yes' : '/staff/sign-in?signed-out=yes', 'clear');
}

/** POST /api/staff/session */
export async function staySignedInHandler(ctx: StaffContext): Promise<Response> {
  return Response.json({ idleMinutes: 15, signedInAs: ctx.staff.id });
}

/** The per-address limit, then the limit for this account from this address (sign-in-limits.ts). */
async function signInLimits(
  ctx: { services: Services; ip: string },
  account: Parameters<typeof accountAndClientLimit>[1],
) {
  const address = await signInLimit(ctx.services, ctx.ip);
  return address.allowed ? accountAndClientLimit(ctx.services, account, ctx.ip) : address;
}

async function currentSession(request: Request, services: Services, now: Date) {
  const lookup = await findSession(services.store.db, readCookie(request, SESSION_COOKIE), now);
  return lookup.status === 'ok' ? lookup.session : undefined;
}

function withJsonCookie(body: object, token: string): Response {
  const response = Response.json(body);
  response.headers.append('Set-Cookie', sessionCookie(token));
  return response;
}
