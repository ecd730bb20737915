import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { staffUsers } from '../../src/server/db/staff-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { resetAccount } from '../../src/server/staff/accounts/account-changes.ts';
import { readAudit } from '../../src/server/staff/audit.ts';
import { FAILURES_BEFORE_LOCK } from '../../src/server/staff/auth/lockout.ts';
import { issueSetupToken } from '../../src/server/staff/auth/setup-tokens.ts';
import { ATTEMPTS_PER_ACCOUNT_AND_CLIENT } from '../../src/server/staff/auth/sign-in-limits.ts';
import { FORM_COOKIE } from '../../src/server/staff/csrf.ts';
import {
  activeStaff,
  csrfFieldOf,
  sessionFor,
  setCookie,
  signInThroughDispatcher,
  staffRequest,
} from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';

/** What an administrator may do to accounts, through the dispatcher as a browser does it. */
describeEachStore('Staff accounts: the lifecycle an admin controls', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;

  beforeAll(async () => {
    store = await open();
    services = await testServices(store, { RATE_LIMIT_PER_CLIENT_PER_HOUR: '10000' });
  }, 60_000);
  afterAll(() => store.dispose());

  const statusOf = async (id: number) =>
    (await services.store.db.select().from(staffUsers).where(eq(staffUsers.id, id)))[0]?.status;
  const audited = async (action: string, subjectRef: number) =>
    (await readAudit(services.store.db, { action, limit: 1000 })).filter((e) => e.subjectRef === String(subjectRef));

  /** An admin's form post to one of an account's actions (/staff/accounts/:id/<action>). */
  const accountPost = (
    admin: { token: string; csrfToken: string },
    id: number,
    action: string,
    form: Record<string, string | string[]> = {},
  ) =>
    staffRequest(services, {
      method: 'POST',
      path: `/staff/accounts/${id}/${action}`,
      token: admin.token,
      form: { csrfToken: admin.csrfToken, ...form },
    });

  async function adminSession() {
    const admin = await activeStaff(services, ['admin']);
    return { admin, ...(await sessionFor(services, admin.id, 'active')) };
  }

  test('an admin cannot grant themselves a role: refused with a reason, and the refusal audited', async () => {
    const { admin, token, csrfToken } = await adminSession();
    const response = await staffRequest(services, {
      method: 'POST',
      path: `/staff/accounts/${admin.id}/roles`,
      token,
      form: { csrfToken, roles: ['admin', 'ig'] },
    });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain('You cannot give yourself a role');
    const [row] = await services.store.db.select().from(staffUsers).where(eq(staffUsers.id, admin.id));
    expect(row?.roles).toEqual(['admin']);
    expect(await audited('staff.roles', admin.id)).toEqual([]);
    expect(await audited('staff.roles-refused', admin.id)).toMatchObject([
      { actorId: admin.id, detail: { from: 'admin', to: 'ig,admin', reason: 'own-account' } },
    ]);
    // Another admin can grant it; giving up one's own non-admin role needs nobody.
    const other = await adminSession();
    const granted = await staffRequest(services, {
      method: 'POST',
      path: `/staff/accounts/${admin.id}/roles`,
      token: other.token,
      form: { csrfToken: other.csrfToken, roles: ['admin', 'ig'] },
    });
    expect(granted.headers.get('location')).toBe(`/staff/accounts/${admin.id}?done=roles`);
    const dropped = await staffRequest(services, {
      method: 'POST',
      path: `/staff/accounts/${admin.id}/roles`,
      token,
      form: { csrfToken, roles: ['admin'] },
    });
    expect(dropped.headers.get('location')).toBe(`/staff/accounts/${admin.id}?done=roles`);
  });

  test('a disabled account cannot be reset: no link is made or emailed, and the page offers no reset', async () => {
    const { token, csrfToken } = await adminSession();
    const officer = await activeStaff(services, ['ig']);
    const post = (action: string, form: Record<string, string> = {}) =>
      accountPost({ token, csrfToken }, officer.id, action, form);
    expect((await post('disable')).status).toBe(303);
    const page = await (await staffRequest(services, { path: `/staff/accounts/${officer.id}`, token })).text();
    expect(page).not.toContain(`/staff/accounts/${officer.id}/reset`);
    const before = await services.store.db.select().from(outboxMessages);
    const refused = await post('reset');
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Enable the account before you reset it');
    expect(await services.store.db.select().from(outboxMessages)).toHaveLength(before.length);
    expect(await resetAccount(services, officer.id, null, new Date())).toBeUndefined(); // the command line too
    expect(await statusOf(officer.id)).toBe('disabled');
    expect(await audited('staff.reset', officer.id)).toEqual([]);
  });

  test('a set-up link of an account that is then disabled stops working, and cannot bring it back', async () => {
    const { token, csrfToken } = await adminSession();
    const officer = await activeStaff(services, ['comms']);
    const link = await resetAccount(services, officer.id, null, new Date());
    await staffRequest(services, {
      method: 'POST',
      path: `/staff/accounts/${officer.id}/disable`,
      token,
      form: { csrfToken },
    });
    expect((await staffRequest(services, { path: `/staff/set-up?token=${link}` })).status).toBe(404);
    // Even a link made some other way (say, an old command line) for a disabled account does nothing.
    const stray = await issueSetupToken(services.store.db, officer.id, 'reset', new Date());
    const setUp = await staffRequest(services, { path: `/staff/set-up?token=${stray}` });
    expect(setUp.status).toBe(404);
    const page = await staffRequest(services, { path: '/staff/sign-in' }); // any public form: its CSRF pair
    const chosen = await staffRequest(services, {
      method: 'POST',
      path: '/staff/set-up',
      cookies: [`${FORM_COOKIE}=${setCookie(page, FORM_COOKIE)}`],
      form: { csrfToken: await csrfFieldOf(page), token: stray, password: 'a lantern by the harbour' },
    });
    expect(chosen.status).toBe(404);
    expect(await statusOf(officer.id)).toBe('disabled');
  });

  test('only Enable brings a disabled account back: it asks to confirm first, then is audited as staff.enable', async () => {
    const { admin, token, csrfToken } = await adminSession();
    const officer = await activeStaff(services, ['ig']);
    const post = (action: string, form: Record<string, string> = {}) =>
      accountPost({ token, csrfToken }, officer.id, action, form);
    await post('disable');
    const asked = await post('enable');
    expect(asked.status).toBe(200);
    const question = await asked.text();
    expect(question).toContain('Are you sure you want to enable');
    expect(question).toContain('name="confirm" value="yes"');
    expect(await statusOf(officer.id)).toBe('disabled');
    const enabled = await post('enable', { confirm: 'yes' });
    expect(enabled.headers.get('location')).toBe(`/staff/accounts/${officer.id}?done=enabled`);
    expect(await statusOf(officer.id)).toBe('active');
    expect(await audited('staff.enable', officer.id)).toMatchObject([{ actorId: admin.id }]);
  });

  test('a wrong password while an account is locked is not counted and does not extend the lock', async () => {
    const officer = await activeStaff(services, ['ig']);
    const lockedUntil = new Date(Date.now() + 15 * 60_000);
    await services.store.db
      .update(staffUsers)
      .set({ failedSignIns: FAILURES_BEFORE_LOCK, lockedUntil })
      .where(eq(staffUsers.id, officer.id));
    await signInThroughDispatcher(
      services,
      { ...officer, password: 'a wrong guess' },
      async () => '',
      undefined,
      '203.0.113.9',
    );
    const [row] = await services.store.db.select().from(staffUsers).where(eq(staffUsers.id, officer.id));
    expect(row?.failedSignIns).toBe(FAILURES_BEFORE_LOCK);
    expect(row?.lockedUntil?.getTime()).toBe(lockedUntil.getTime());
  });

  test('one address guessing at an account is slowed down for that account alone; the owner still gets in', async () => {
    const officer = await activeStaff(services, ['ig']);
    const attacker = '203.0.113.66';
    for (let i = 0; i < ATTEMPTS_PER_ACCOUNT_AND_CLIENT; i += 1) {
      await signInThroughDispatcher(
        services,
        { ...officer, password: `guess ${i} of many` },
        async () => '',
        undefined,
        attacker,
      );
    }
    // The right password from the attacker's address is now refused: "Too many attempts … Wait … minutes".
    const throttled = await signInThroughDispatcher(
      services,
      officer,
      () => generate({ secret: officer.secret }),
      undefined,
      attacker,
    );
    expect(throttled.stageToken).toBeUndefined();
    expect(await throttled.password.text()).toContain('Too many attempts');
    const owner = await signInThroughDispatcher(
      services,
      officer,
      () => generate({ secret: officer.secret }),
      undefined,
      '192.0.2.200',
    );
    expect(owner.token).toBeDefined();
  });

  test('when a lock starts the owner is emailed once, and an admin can unlock it, audited', async () => {
    const { admin, token, csrfToken } = await adminSession();
    const officer = await activeStaff(services, ['ig']);
    for (let i = 0; i < FAILURES_BEFORE_LOCK + 2; i += 1) {
      const ip = `198.51.100.${100 + Math.floor(i / ATTEMPTS_PER_ACCOUNT_AND_CLIENT)}`;
      await signInThroughDispatcher(services, { ...officer, password: `wrong ${i}` }, async () => '', undefined, ip);
    }
    const emails = await services.store.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.template, 'staff-locked'));
    expect(emails.filter((email) => email.dedupeKey.startsWith(`staff-locked:${officer.id}:`))).toHaveLength(1);
    const page = await (await staffRequest(services, { path: `/staff/accounts/${officer.id}`, token })).text();
    expect(page).toContain(`/staff/accounts/${officer.id}/unlock`);
    const unlocked = await staffRequest(services, {
      method: 'POST',
      path: `/staff/accounts/${officer.id}/unlock`,
      token,
      form: { csrfToken },
    });
    expect(unlocked.headers.get('location')).toBe(`/staff/accounts/${officer.id}?done=unlocked`);
    const [row] = await services.store.db.select().from(staffUsers).where(eq(staffUsers.id, officer.id));
    expect(row).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    expect(await audited('staff.unlock', officer.id)).toMatchObject([{ actorId: admin.id }]);
    const back = await signInThroughDispatcher(
      services,
      officer,
      () => generate({ secret: officer.secret }),
      undefined,
      '192.0.2.201',
    );
    expect(back.token).toBeDefined();
  });
});
