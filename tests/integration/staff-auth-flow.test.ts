import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { staffRecoveryCodes, staffSessions, staffUsers } from '../../src/server/db/staff-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { resetAccount, setDisabled } from '../../src/server/staff/accounts/account-changes.ts';
import { createAccount } from '../../src/server/staff/auth/accounts.ts';
import { FAILURES_BEFORE_LOCK } from '../../src/server/staff/auth/lockout.ts';
import { hashPassword, lowerScryptCostForTests, verifyPassword } from '../../src/server/staff/auth/passwords.ts';
import { issueRecoveryCodes } from '../../src/server/staff/auth/recovery-codes.ts';
import { ATTEMPTS_PER_ACCOUNT_AND_CLIENT } from '../../src/server/staff/auth/sign-in-limits.ts';
import { MAX_STAFF_BODY_BYTES } from '../../src/server/staff/body.ts';
import { FORM_COOKIE } from '../../src/server/staff/csrf.ts';
import { SESSION_COOKIE, sha256 } from '../../src/server/staff/session.ts';
import {
  activeStaff,
  csrfFieldOf,
  sessionFor,
  setCookie,
  signInThroughDispatcher,
  staffRequest,
} from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';

/** Signing in, setting up and the rules around them, through the dispatcher as a browser uses them. */
describeEachStore('Staff sign-in and sessions', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;

  beforeAll(async () => {
    store = await open();
    // Every request here comes from one test address: its per-address sign-in limit (30 an hour at
    // least) would otherwise throttle the file's later sign-ins. The limits have tests of their own.
    services = await testServices(store, { RATE_LIMIT_PER_CLIENT_PER_HOUR: '10000' });
  }, 60_000);
  afterAll(() => store.dispose());

  test('each step gets a new session id: the password-stage id is worthless once signed in', async () => {
    const officer = await activeStaff(services, ['comms']);
    const result = await signInThroughDispatcher(services, officer, () => generate({ secret: officer.secret }));
    expect(result.stageToken).toBeDefined();
    expect(result.token).toBeDefined();
    expect(result.token).not.toBe(result.stageToken);
    const cookie = result.code?.headers.getSetCookie().find((value) => value.startsWith(SESSION_COOKIE)) ?? '';
    const [pair, ...attributes] = cookie.split('; ');
    expect(pair).toMatch(/^__Host-clearshare-staff=[\w-]{43}$/);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
    const [old] = await services.store.db
      .select()
      .from(staffSessions)
      .where(eq(staffSessions.idHash, sha256(result.stageToken ?? '')));
    expect(old?.revokedAt).not.toBeNull();
    expect((await staffRequest(services, { path: '/staff/', token: result.token ?? '' })).status).toBe(200);
    expect((await staffRequest(services, { path: '/staff/', token: result.stageToken ?? '' })).status).toBe(303);
  });

  test('a recovery code works once, in place of the authenticator code', async () => {
    const officer = await activeStaff(services, ['ig']);
    const [code] = await issueRecoveryCodes(services.store.db, officer.id, new Date());
    // Stored salted and slow-hashed: ~49-bit codes would fall to brute force from a plain hash.
    const stored = await services.store.db
      .select()
      .from(staffRecoveryCodes)
      .where(eq(staffRecoveryCodes.userId, officer.id));
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(row.codeHash).toMatch(/^scrypt\$/);
    const first = await signInThroughDispatcher(services, officer, async () => code ?? '');
    expect(first.code?.headers.get('location')).toBe('/staff/');
    const again = await signInThroughDispatcher(services, officer, async () => code ?? '');
    expect(again.code?.status).toBe(200);
    expect(await again.code?.text()).toContain('Enter a correct code');
  });

  test('a password hashed at the old cost (N=2^15) is re-hashed at N=2^17, r=8, p=1 at the next sign-in', async () => {
    // The production cost, for this test only: the fixtures use the test-only low cost.
    lowerScryptCostForTests(false);
    try {
      const officer = await activeStaff(services, ['comms']);
      const old = await hashPassword(officer.password, { N: 2 ** 15, r: 8, p: 1, keyLength: 32 });
      await services.store.db.update(staffUsers).set({ passwordHash: old }).where(eq(staffUsers.id, officer.id));
      const first = await signInThroughDispatcher(services, officer, () => generate({ secret: officer.secret }));
      expect(first.token).toBeDefined();
      const [row] = await services.store.db.select().from(staffUsers).where(eq(staffUsers.id, officer.id));
      expect(row?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect(await verifyPassword(officer.password, row?.passwordHash ?? '')).toBe(true);
      // The upgraded hash signs in again (with a recovery code: the same authenticator code is refused twice).
      const [code] = await issueRecoveryCodes(services.store.db, officer.id, new Date());
      expect((await signInThroughDispatcher(services, officer, async () => code ?? '')).token).toBeDefined();
    } finally {
      lowerScryptCostForTests(true);
    }
  });

  test('the same authenticator code cannot be used twice', async () => {
    const officer = await activeStaff(services, ['ig']);
    const code = await generate({ secret: officer.secret });
    expect((await signInThroughDispatcher(services, officer, async () => code)).token).toBeDefined();
    expect((await signInThroughDispatcher(services, officer, async () => code)).token).toBeUndefined();
  });

  test('two sign-ins at once with the same authenticator code: only one gets in', async () => {
    const officer = await activeStaff(services, ['ig']);
    const code = await generate({ secret: officer.secret });
    const stages = await Promise.all([1, 2, 3].map(() => sessionFor(services, officer.id, 'password')));
    const answers = await Promise.all(
      stages.map((stage) =>
        staffRequest(services, {
          method: 'POST',
          path: '/staff/sign-in/code',
          token: stage.token,
          form: { csrfToken: stage.csrfToken, code },
        }),
      ),
    );
    expect(answers.filter((answer) => answer.headers.get('location') === '/staff/').length).toBe(1);
  });

  test('after many wrong passwords from many addresses the account locks, and the right password gets the same message', async () => {
    const officer = await activeStaff(services, ['comms']);
    // One address may try an account only a few times (ATTEMPTS_PER_ACCOUNT_AND_CLIENT), so the
    // guesses come from many, as a distributed attack would.
    for (let i = 0; i < FAILURES_BEFORE_LOCK; i += 1) {
      const ip = `198.51.100.${Math.floor(i / ATTEMPTS_PER_ACCOUNT_AND_CLIENT)}`;
      const wrong = { ...officer, password: `wrong password number ${i}` };
      await signInThroughDispatcher(services, wrong, async () => '', undefined, ip);
    }
    const [row] = await services.store.db.select().from(staffUsers).where(eq(staffUsers.id, officer.id));
    expect(row?.failedSignIns).toBe(FAILURES_BEFORE_LOCK);
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 14 * 60 * 1000);
    const locked = await signInThroughDispatcher(services, officer, () => generate({ secret: officer.secret }));
    expect(locked.stageToken).toBeUndefined();
    const unknown = await signInThroughDispatcher(
      services,
      { email: 'no.one@staff.example', password: 'whatever it is here' },
      async () => '',
    );
    // No difference between a locked account and one that does not exist.
    const message = (html: string) => /<a href="#email">([^<]+)<\/a>/.exec(html)?.[1];
    expect(message(await locked.password.text())).toBe(message(await unknown.password.text()));
  });

  test('a set-up link works once; choosing a password leads to the authenticator step', async () => {
    const { token } = await createAccount(
      { db: services.store.db, keyring: services.keyring },
      { email: 'new.starter@staff.example', name: 'New Starter', roles: ['comms'], createdBy: null },
      new Date(),
    );
    const page = await staffRequest(services, { path: `/staff/set-up?token=${token}` });
    expect(page.status).toBe(200);
    const formCookie = `${FORM_COOKIE}=${setCookie(page, FORM_COOKIE)}`;
    const csrfToken = await csrfFieldOf(page);
    const weak = await staffRequest(services, {
      method: 'POST',
      path: '/staff/set-up',
      cookies: [formCookie],
      form: { csrfToken, token, password: 'password1' },
    });
    expect(await weak.text()).toContain('Enter a password with at least 12 characters');
    const saved = await staffRequest(services, {
      method: 'POST',
      path: '/staff/set-up',
      cookies: [formCookie],
      form: { csrfToken, token, password: 'a lantern by the harbour' },
    });
    expect(saved.headers.get('location')).toBe('/staff/set-up/authenticator');
    const setUpToken = setCookie(saved, SESSION_COOKIE) ?? '';
    // Half set up is not signed in.
    expect((await staffRequest(services, { path: '/staff/', token: setUpToken })).status).toBe(303);
    const totpPage = await staffRequest(services, { path: '/staff/set-up/authenticator', token: setUpToken });
    const html = await totpPage.text();
    expect(html).toContain('<svg');
    const secret = /data-secret="([A-Z2-7]+)"/.exec(html)?.[1] ?? '';
    const confirmCsrf = /name="csrfToken" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const done = await staffRequest(services, {
      method: 'POST',
      path: '/staff/set-up/authenticator',
      token: setUpToken,
      form: { csrfToken: confirmCsrf, code: await generate({ secret }) },
    });
    expect((await done.text()).match(/[A-Z2-9]{5}-[A-Z2-9]{5}/g)).toHaveLength(10);
    expect(
      (await staffRequest(services, { path: '/staff/', token: setCookie(done, SESSION_COOKIE) ?? '' })).status,
    ).toBe(200);
    expect((await staffRequest(services, { path: `/staff/set-up?token=${token}` })).status).toBe(404);
  });

  test('a reset, a disable or an admin’s “sign out everywhere” ends every session at once', async () => {
    const officer = await activeStaff(services, ['comms']);
    const one = await sessionFor(services, officer.id, 'active');
    await resetAccount(services, officer.id, null, new Date());
    expect((await staffRequest(services, { path: '/staff/', token: one.token })).status).toBe(303);
    const other = await activeStaff(services, ['comms']);
    const two = await sessionFor(services, other.id, 'active');
    await setDisabled(services, other.id, true, null, new Date());
    expect((await staffRequest(services, { path: '/staff/', token: two.token })).status).toBe(303);
    const third = await activeStaff(services, ['ig']);
    const three = await sessionFor(services, third.id, 'active');
    const admin = await activeStaff(services, ['admin']);
    const adminSession = await sessionFor(services, admin.id, 'active');
    const ended = await staffRequest(services, {
      method: 'POST',
      path: `/staff/accounts/${third.id}/sign-out`,
      token: adminSession.token,
      form: { csrfToken: adminSession.csrfToken },
    });
    expect(ended.headers.get('location')).toBe(`/staff/accounts/${third.id}?done=signed-out`);
    expect((await staffRequest(services, { path: '/staff/', token: three.token })).status).toBe(303);
  });

  test('sign-in and set-up forms need their CSRF token too', async () => {
    const noToken = await staffRequest(services, {
      method: 'POST',
      path: '/staff/sign-in',
      form: { email: 'a@b.example', password: 'x' },
    });
    expect(noToken.status).toBe(403);
    const page = await staffRequest(services, { path: '/staff/sign-in' });
    const forged = await staffRequest(services, {
      method: 'POST',
      path: '/staff/sign-in',
      cookies: [`${FORM_COOKIE}=${'A'.repeat(43)}`],
      form: { csrfToken: await csrfFieldOf(page), email: 'a@b.example', password: 'x' },
    });
    expect(forged.status).toBe(403);
  });

  test('a body over the limit is refused before it reaches a handler', async () => {
    const officer = await activeStaff(services, ['admin']);
    const { token, csrfToken } = await sessionFor(services, officer.id, 'active');
    const response = await staffRequest(services, {
      method: 'POST',
      path: '/staff/accounts/new',
      token,
      form: { csrfToken, name: 'x'.repeat(MAX_STAFF_BODY_BYTES) },
    });
    expect(response.status).toBe(413);
  });

  test('changing your own password needs the current one, and ends your other sessions', async () => {
    const officer = await activeStaff(services, ['comms']);
    const here = await sessionFor(services, officer.id, 'active');
    const elsewhere = await sessionFor(services, officer.id, 'active');
    const wrong = await staffRequest(services, {
      method: 'POST',
      path: '/staff/account/password',
      token: here.token,
      form: { csrfToken: here.csrfToken, currentPassword: 'not my password', newPassword: 'a brand new lantern path' },
    });
    expect(await wrong.text()).toContain('Enter your current password correctly');
    const changed = await staffRequest(services, {
      method: 'POST',
      path: '/staff/account/password',
      token: here.token,
      form: {
        csrfToken: here.csrfToken,
        currentPassword: officer.password,
        currentCode: await generate({ secret: officer.secret }),
        newPassword: 'a brand new lantern path',
      },
    });
    expect(changed.headers.get('location')).toBe('/staff/account?done=password');
    expect((await staffRequest(services, { path: '/staff/', token: elsewhere.token })).status).toBe(303);
    expect(
      (await staffRequest(services, { path: '/staff/', token: setCookie(changed, SESSION_COOKIE) ?? '' })).status,
    ).toBe(200);
    // The code was used to change the password, so signing in takes a recovery code (no replay).
    const [recovery] = await issueRecoveryCodes(services.store.db, officer.id, new Date());
    const again = await signInThroughDispatcher(
      services,
      { ...officer, password: 'a brand new lantern path' },
      async () => recovery ?? '',
    );
    expect(again.token).toBeDefined();
  });

  test('a new password or new recovery codes need a current authenticator code as well as the password', async () => {
    const officer = await activeStaff(services, ['comms']);
    const { token, csrfToken } = await sessionFor(services, officer.id, 'active');
    const [before] = await services.store.db.select().from(staffUsers).where(eq(staffUsers.id, officer.id));
    const noCode = await staffRequest(services, {
      method: 'POST',
      path: '/staff/account/password',
      token,
      form: { csrfToken, currentPassword: officer.password, newPassword: 'a brand new lantern path' },
    });
    expect(await noCode.text()).toContain('Enter the 6-digit code from your authenticator app');
    const codes = await staffRequest(services, {
      method: 'POST',
      path: '/staff/account/recovery-codes',
      token,
      form: { csrfToken, codesPassword: officer.password, codesCode: '000000' },
    });
    expect(await codes.text()).toContain('Enter a correct code from your authenticator app');
    const [after] = await services.store.db.select().from(staffUsers).where(eq(staffUsers.id, officer.id));
    expect(after?.passwordHash).toBe(before?.passwordHash);
    expect(
      await services.store.db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, officer.id)),
    ).toEqual([]);
  });

  test('re-entering the current password is throttled: after 5 tries in 15 minutes even the right one must wait', async () => {
    const officer = await activeStaff(services, ['comms']);
    const { token, csrfToken } = await sessionFor(services, officer.id, 'active');
    const attempt = async (password: string) =>
      (
        await staffRequest(services, {
          method: 'POST',
          path: '/staff/account/recovery-codes',
          token,
          form: { csrfToken, codesPassword: password, codesCode: await generate({ secret: officer.secret }) },
        })
      ).text();
    for (let i = 0; i < 5; i += 1)
      expect(await attempt(`wrong guess ${i}`)).toContain('Enter your current password correctly');
    const right = await attempt(officer.password);
    expect(right).toContain('Too many attempts');
    expect(right).not.toMatch(/[A-Z2-9]{5}-[A-Z2-9]{5}/);
  });

  test('staff responses are never cached and never framed', async () => {
    const response = await staffRequest(services, { path: '/staff/sign-in' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await response.text()).toContain('<meta name="robots" content="noindex">');
  });
});
