import { eq } from 'drizzle-orm';
import type { StaffRole } from '../../src/domain/staff.ts';
import { encryptField } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import { staffUsers } from '../../src/server/db/staff-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { createAccount } from '../../src/server/staff/auth/accounts.ts';
import { hashPassword, lowerScryptCostForTests } from '../../src/server/staff/auth/passwords.ts';
import { newTotpSecret } from '../../src/server/staff/auth/totp.ts';
import { FORM_COOKIE } from '../../src/server/staff/csrf.ts';
import { dispatchStaff } from '../../src/server/staff/dispatch.ts';
import { createSession, SESSION_COOKIE, type SessionStage } from '../../src/server/staff/session.ts';

// Production hashes cost ~400 ms and 128 MB each; suites that make hundreds of accounts use the
// test-only low cost. The test that proves the production cost switches it off for itself.
lowerScryptCostForTests(true);

let counter = 0;

/** An active account (password and authenticator set up), straight into the database. */
export async function activeStaff(
  services: Services,
  roles: readonly StaffRole[],
  options: { password?: string; now?: Date } = {},
): Promise<{ id: number; email: string; password: string; secret: string }> {
  counter += 1;
  const email = `officer-${counter}-${Math.random().toString(36).slice(2, 8)}@staff.example`;
  const password = options.password ?? 'quiet harbour lantern seventeen';
  const now = options.now ?? new Date();
  const { id } = await createAccount(
    { db: services.store.db, keyring: services.keyring },
    { email, name: `Officer ${counter}`, roles, createdBy: null },
    now,
  );
  const secret = newTotpSecret();
  await services.store.db
    .update(staffUsers)
    .set({
      status: 'active',
      passwordHash: await hashPassword(password),
      totpSecretEncrypted: encryptField(services.keyring, secret, slotOf(staffUsers.totpSecretEncrypted, id)),
      totpConfirmedAt: now,
    })
    .where(eq(staffUsers.id, id));
  return { id, email, password, secret };
}

/** A session for an account at a stage, started at `now`; returns the cookie token and CSRF token. */
export async function sessionFor(services: Services, userId: number, stage: SessionStage, now = new Date()) {
  const { token, session } = await createSession(services.store.db, userId, stage, now);
  return { token, csrfToken: session.csrfToken, idHash: session.idHash };
}

/** Calls the dispatcher as the browser would, with an optional session cookie, body and clock. */
export function staffRequest(
  services: Services,
  options: {
    method?: 'GET' | 'POST';
    path: string;
    token?: string;
    form?: Record<string, string | string[]>;
    json?: unknown;
    headers?: Record<string, string>;
    now?: Date;
    cookies?: string[];
    /** The client's address (default 192.0.2.10): sign-in limits count per address. */
    ip?: string;
  },
): Promise<Response> {
  const headers = new Headers(options.headers);
  const cookies = [...(options.cookies ?? []), ...(options.token ? [`${SESSION_COOKIE}=${options.token}`] : [])];
  if (cookies.length) headers.set('cookie', cookies.join('; '));
  let body: string | undefined;
  if (options.method !== 'POST') {
    // A GET has no body: the form and JSON options only apply to POSTs.
  } else if (options.json !== undefined) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(options.form)) for (const v of [value].flat()) params.append(name, v);
    body = params.toString();
  }
  const request = new Request(`http://127.0.0.1${options.path}`, {
    method: options.method ?? 'GET',
    headers,
    body: body ?? null,
  });
  const now = options.now;
  return dispatchStaff(request, { services, ip: options.ip ?? '192.0.2.10', ...(now ? { now: () => now } : {}) });
}

/** The cookie value a response set, if any. */
export function setCookie(response: Response, name: string): string | undefined {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const [key, ...value] = (pair ?? '').split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The hidden CSRF field of a rendered page. */
export async function csrfFieldOf(response: Response): Promise<string> {
  const match = /name="csrfToken" value="([^"]+)"/.exec(await response.text());
  if (!match?.[1]) throw new Error('No CSRF field on the page');
  return match[1];
}

/**
 * Signs in through the dispatcher as a browser would: sign-in page (form cookie and token),
 * email and password, then a code. Returns the responses and the final session token.
 */
export async function signInThroughDispatcher(
  services: Services,
  account: { email: string; password: string },
  code: () => Promise<string>,
  now?: Date,
  ip?: string,
) {
  const from = { ...(now ? { now } : {}), ...(ip ? { ip } : {}) };
  const page = await staffRequest(services, { path: '/staff/sign-in', ...from });
  const formCookie = `${FORM_COOKIE}=${setCookie(page, FORM_COOKIE)}`;
  const csrfToken = await csrfFieldOf(page);
  const password = await staffRequest(services, {
    method: 'POST',
    path: '/staff/sign-in',
    cookies: [formCookie],
    form: { csrfToken, email: account.email, password: account.password },
    ...from,
  });
  const stageToken = setCookie(password, SESSION_COOKIE);
  if (!stageToken) return { password, stageToken: undefined, code: undefined, token: undefined };
  const codePage = await staffRequest(services, {
    path: '/staff/sign-in/code',
    token: stageToken,
    ...from,
  });
  const codeResponse = await staffRequest(services, {
    method: 'POST',
    path: '/staff/sign-in/code',
    token: stageToken,
    form: { csrfToken: await csrfFieldOf(codePage), code: await code() },
    ...from,
  });
  return { password, stageToken, code: codeResponse, token: setCookie(codeResponse, SESSION_COOKIE) };
}
