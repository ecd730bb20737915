import { sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { staffAuditLog } from '../../src/server/db/staff-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { readAudit } from '../../src/server/staff/audit.ts';
import {
  activeStaff,
  csrfFieldOf,
  sessionFor,
  signInThroughDispatcher,
  staffRequest,
} from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';

/**
 * The audit log (issue 6): sign-ins (good and bad), sign-outs, account and role changes and
 * views of the log are recorded with who, what and when — and the log cannot be changed, not
 * even by the application's own database user (a trigger refuses UPDATE, DELETE and TRUNCATE).
 */
describeEachStore('Staff audit log', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;

  beforeAll(async () => {
    store = await open();
    services = await testServices(store);
  }, 60_000);
  afterAll(() => store.dispose());

  const entries = async (action: string) => readAudit(services.store.db, { action });

  test('a failed sign-in to an unknown address is recorded without the address', async () => {
    await signInThroughDispatcher(
      services,
      { email: 'nobody.here@staff.example', password: 'a long wrong password' },
      async () => '000000',
    );
    const [entry] = await entries('sign-in.failed');
    expect(entry).toMatchObject({ actorId: null, action: 'sign-in.failed' });
    expect(entry?.detail).toMatchObject({ stage: 'password', reason: 'unknown-account' });
    expect(JSON.stringify(entry)).not.toContain('nobody.here');
  });

  test('a wrong password, a wrong code, a sign-in and a sign-out are each recorded against the account', async () => {
    const officer = await activeStaff(services, ['comms']);
    await signInThroughDispatcher(services, { ...officer, password: 'not the right one at all' }, async () => '000000');
    await signInThroughDispatcher(services, officer, async () => '000000');
    const before = Date.now();
    const good = await signInThroughDispatcher(services, officer, () => generate({ secret: officer.secret }));
    expect(good.code?.status).toBe(303);
    expect(good.token).toBeDefined();

    const failures = (await entries('sign-in.failed')).filter((entry) => entry.actorId === officer.id);
    expect(failures.map((entry) => (entry.detail as { reason: string }).reason).sort()).toEqual([
      'wrong-code',
      'wrong-password',
    ]);
    const [signIn] = (await entries('sign-in')).filter((entry) => entry.actorId === officer.id);
    expect(signIn?.detail).toEqual({ method: 'totp' });
    expect(signIn?.at.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const home = await staffRequest(services, { path: '/staff/', token: good.token ?? '' });
    const out = await staffRequest(services, {
      method: 'POST',
      path: '/staff/sign-out',
      token: good.token ?? '',
      form: { csrfToken: await csrfFieldOf(home) },
    });
    expect(out.headers.get('location')).toBe('/staff/sign-in?signed-out=yes');
    expect((await entries('sign-out')).some((entry) => entry.actorId === officer.id)).toBe(true);
    // The session is gone on the server, not just in the browser.
    expect((await staffRequest(services, { path: '/staff/', token: good.token ?? '' })).status).toBe(303);
  });

  test('an idle time-out is recorded once', async () => {
    const officer = await activeStaff(services, ['ig']);
    const start = new Date('2026-11-03T10:00:00Z');
    const { token } = await sessionFor(services, officer.id, 'active', start);
    const late = new Date(start.getTime() + 16 * 60 * 1000);
    expect((await staffRequest(services, { path: '/staff/', token, now: late })).headers.get('location')).toBe(
      '/staff/sign-in?timed-out=yes',
    );
    await staffRequest(services, { path: '/staff/', token, now: late });
    const timeouts = (await entries('session.timeout')).filter((entry) => entry.actorId === officer.id);
    expect(timeouts).toHaveLength(1);
    expect(timeouts[0]?.detail).toEqual({ reason: 'idle' });
  });

  test('an admin inviting someone, changing roles and reading the log is recorded with who did it', async () => {
    const admin = await activeStaff(services, ['admin']);
    const { token, csrfToken } = await sessionFor(services, admin.id, 'active');
    const invited = await staffRequest(services, {
      method: 'POST',
      path: '/staff/accounts/new',
      token,
      form: { csrfToken, name: 'Nia New', email: 'nia.new@staff.example', roles: ['comms'] },
    });
    expect(invited.status).toBe(303);
    const newId = /\/staff\/accounts\/(\d+)/.exec(invited.headers.get('location') ?? '')?.[1];
    await staffRequest(services, {
      method: 'POST',
      path: `/staff/accounts/${newId}/roles`,
      token,
      form: { csrfToken, roles: ['comms', 'ig'] },
    });
    await staffRequest(services, { path: '/staff/audit', token });

    const [created] = await entries('staff.create');
    expect(created).toMatchObject({
      actorId: admin.id,
      subjectType: 'staff-user',
      subjectRef: newId,
      detail: { roles: 'comms', by: 'admin' },
    });
    const [roles] = await entries('staff.roles');
    expect(roles).toMatchObject({ actorId: admin.id, subjectRef: newId, detail: { from: 'comms', to: 'comms,ig' } });
    expect((await entries('audit.view')).some((entry) => entry.actorId === admin.id)).toBe(true);
    const everything = JSON.stringify(await readAudit(services.store.db, { limit: 1000 }));
    expect(everything).not.toContain('nia.new');
    expect(everything).not.toContain('Nia New');
  });

  test('nobody can change or delete the log', async () => {
    const db = services.store.db;
    expect((await readAudit(db)).length).toBeGreaterThan(0);
    await expect(db.update(staffAuditLog).set({ action: 'tampered' })).rejects.toThrow();
    await expect(db.delete(staffAuditLog)).rejects.toThrow();
    await expect(db.execute(sql`truncate staff_audit_log`)).rejects.toThrow();
    expect((await readAudit(db, { action: 'tampered' })).length).toBe(0);
  });
});
