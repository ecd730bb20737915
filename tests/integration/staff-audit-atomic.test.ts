import { eq, sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database, Store } from '../../src/server/db/client.ts';
import { feedbackItems } from '../../src/server/db/feedback-schema.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { optOutEvents, staffRecoveryCodes, staffSessions, staffUsers } from '../../src/server/db/staff-schema.ts';
import { enqueueEmail } from '../../src/server/mail/outbox.ts';
import type { Services } from '../../src/server/services.ts';
import { changeRoles, resetAccount, setDisabled } from '../../src/server/staff/accounts/account-changes.ts';
import { issueRecoveryCodes } from '../../src/server/staff/auth/recovery-codes.ts';
import { authRoutes } from '../../src/server/staff/auth/routes.ts';
import { choosePassword } from '../../src/server/staff/auth/set-up.ts';
import { issueSetupToken } from '../../src/server/staff/auth/setup-tokens.ts';
import { completeSignIn } from '../../src/server/staff/auth/sign-in.ts';
import { feedbackRoutes } from '../../src/server/staff/feedback/routes.ts';
import { optOutsRoutes } from '../../src/server/staff/opt-outs/routes.ts';
import { outboxRoutes } from '../../src/server/staff/outbox/routes.ts';
import type { ProtectedRoute, StaffRoute } from '../../src/server/staff/route-table.ts';
import { createSession } from '../../src/server/staff/session.ts';
import { activeStaff } from '../support/staff-auth-fixtures.ts';
import { staffContext } from '../support/staff-context.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import {
  addFeedback,
  addOptOut,
  addStaff,
  auditActions,
  complaint,
  optOutFields,
  rightsRequest,
} from './staff-queues-fixtures.ts';

/**
 * A staff action and its audit entry commit together or not at all (house style 16). Each test
 * makes the audit table refuse every insert (a trigger, as a full disk or a broken permission
 * would), takes an action, and shows that nothing of the action stayed: no status moved, no
 * email queued, no role given. Then, with the audit working again, the same action goes through.
 */
const now = new Date('2026-11-25T10:00:00Z');

function handler(routes: readonly StaffRoute[], path: string) {
  const found = routes.find((r) => r.method === 'POST' && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route POST ${path}`);
  return (found as ProtectedRoute).handler;
}

/** Makes every insert into the audit log fail until the returned function is called. */
async function refuseAuditWrites(db: Database): Promise<() => Promise<void>> {
  await db.execute(
    sql.raw(`create or replace function test_refuse_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit log refused the entry (test)'; end $$`),
  );
  await db.execute(
    sql.raw(`create trigger test_refuse_audit before insert on staff_audit_log
      for each row execute function test_refuse_audit()`),
  );
  return async () => {
    await db.execute(sql.raw('drop trigger test_refuse_audit on staff_audit_log'));
  };
}

/** Runs `action` while the audit log refuses inserts, expecting the action to fail because of it. */
async function failsWithoutAudit(db: Database, action: () => Promise<unknown>): Promise<void> {
  const restore = await refuseAuditWrites(db);
  try {
    // The insert into the audit log is what failed, not something before it.
    await expect(action()).rejects.toThrow(/staff_audit_log/);
  } finally {
    await restore();
  }
}

describeEachStore('a staff action whose audit entry cannot be written', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let officer: number;
  let admin: number;
  beforeAll(async () => {
    store = await open();
    services = await testServices(store);
    officer = await addStaff(services, 'Iris Governance', ['ig', 'comms']);
    admin = await addStaff(services, 'Ada Administrator', ['admin']);
  }, 60_000);
  afterAll(() => store.dispose());

  const post = (routes: readonly StaffRoute[], path: string, params: Record<string, string>, body: unknown) =>
    handler(
      routes,
      path,
    )(
      staffContext(services, {
        staffId: officer,
        roles: ['ig', 'comms'],
        method: 'POST',
        params,
        body,
        now,
        wantsJson: true,
      }),
    );
  const queued = (dedupeKey: string) =>
    store.db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, dedupeKey));
  const optOutRow = async (reference: string) =>
    (await store.db.select().from(optOutRequests).where(eq(optOutRequests.reference, reference)))[0];
  const feedbackRow = async (reference: string) =>
    (await store.db.select().from(feedbackItems).where(eq(feedbackItems.reference, reference)))[0];
  const auditedOn = async (subjectRef: string) =>
    (await auditActions(store.db)).filter((entry) => entry.subjectRef === subjectRef).map((entry) => entry.action);

  it('an officer rejects an opt-out: the request stays as it was, with no event and no email to the person', async () => {
    const reference = await addOptOut(services, optOutFields);
    const reject = () =>
      post(optOutsRoutes, '/staff/opt-outs/:reference/reject', { reference }, { reason: 'CANARY no such patient' });
    await failsWithoutAudit(store.db, reject);

    const row = await optOutRow(reference);
    expect(row).toMatchObject({ status: 'received', rejectedAt: null, rejectionReasonEncrypted: null });
    expect(
      await store.db
        .select()
        .from(optOutEvents)
        .where(eq(optOutEvents.requestId, row?.id ?? 0)),
    ).toEqual([]);
    expect(await queued(`opt-out:${reference}:rejected`)).toEqual([]);
    expect(await auditedOn(reference)).toEqual([]);

    expect((await reject()).status).toBe(200);
    expect(await queued(`opt-out:${reference}:rejected`)).toHaveLength(1);
    expect(await auditedOn(reference)).toEqual(['opt-out.reject']);
  });

  it('an officer moves a complaint on: its status and clocks stay as they were', async () => {
    const reference = await addFeedback(services, complaint);
    const acknowledge = () =>
      post(feedbackRoutes, '/staff/feedback/:reference/status', { reference }, { status: 'acknowledged' });
    await failsWithoutAudit(store.db, acknowledge);

    expect(await feedbackRow(reference)).toMatchObject({ status: 'new', acknowledgedAt: null });
    expect(await auditedOn(reference)).toEqual([]);

    expect((await acknowledge()).status).toBe(200);
    expect(await auditedOn(reference)).toEqual(['feedback.status']);
  });

  it('an IG officer extends a rights request: no new deadline, no reason stored, no email to the person', async () => {
    const reference = await addFeedback(services, rightsRequest, '2026-11-20');
    const extend = () =>
      post(
        feedbackRoutes,
        '/staff/feedback/:reference/extend',
        { reference },
        { months: 2, reason: 'CANARY records held by three practices' },
      );
    await failsWithoutAudit(store.db, extend);

    expect(await feedbackRow(reference)).toMatchObject({
      extensionMonths: null,
      extendedAt: null,
      extensionReasonEncrypted: null,
    });
    expect(await queued(`feedback:${reference}:extension`)).toEqual([]);

    expect((await extend()).status).toBe(200);
    expect(await queued(`feedback:${reference}:extension`)).toHaveLength(1);
    expect(await auditedOn(reference)).toEqual(['feedback.extend']);
  });

  it('an admin gives a role, disables and resets accounts: each account stays as it was', async () => {
    const person = await addStaff(services, 'Colin Comms', ['comms']);
    await createSession(store.db, person, 'active', now);
    await issueRecoveryCodes(store.db, person, now);
    const account = async () => (await store.db.select().from(staffUsers).where(eq(staffUsers.id, person)))[0];
    const before = await account();
    const liveSessions = async () =>
      (await store.db.select().from(staffSessions).where(eq(staffSessions.userId, person))).filter(
        (session) => session.revokedAt === null,
      );

    await failsWithoutAudit(store.db, () => changeRoles(services, person, ['comms', 'ig'], admin, now));
    await failsWithoutAudit(store.db, () => setDisabled(services, person, true, admin, now));
    await failsWithoutAudit(store.db, () => resetAccount(services, person, admin, now));

    expect(await account()).toEqual(before);
    expect(await liveSessions()).toHaveLength(1);
    expect(await store.db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, person))).not.toEqual(
      [],
    );
    expect(await auditedOn(String(person))).toEqual([]);

    expect(await changeRoles(services, person, ['comms', 'ig'], admin, now)).toBe('changed');
    expect((await account())?.roles).toEqual(['comms', 'ig']);
    expect(await auditedOn(String(person))).toEqual(['staff.roles']);
  });

  it('an officer retries an email the outbox gave up on: it stays given up, not sent unaccounted for', async () => {
    const dedupeKey = 'opt-out:ABC3DE5F:rejected';
    await enqueueEmail(store.db, services.keyring, {
      dedupeKey,
      to: 'canary.recipient@example.com',
      template: 'delivery-check',
      params: { reference: 'ABC3DE5F' },
    });
    await store.db.update(outboxMessages).set({ status: 'dead' }).where(eq(outboxMessages.dedupeKey, dedupeKey));
    const [message] = await queued(dedupeKey);
    const id = String(message?.id);
    const retry = () => post(outboxRoutes, '/staff/mail/:id/retry', { id }, {});
    await failsWithoutAudit(store.db, retry);

    expect((await queued(dedupeKey))[0]?.status).toBe('dead');
    expect(await auditedOn(id)).toEqual([]);

    expect((await retry()).status).toBe(200);
    expect((await queued(dedupeKey))[0]?.status).toBe('pending');
    expect(await auditedOn(id)).toEqual(['mail.retry']);
  });

  it('a sign-in or a set-up step that cannot be recorded does not happen, and the set-up link still works', async () => {
    const person = await addStaff(services, 'Sam Signin', ['comms']);
    await store.db.update(staffUsers).set({ failedSignIns: 3 }).where(eq(staffUsers.id, person));
    const account = async () => (await store.db.select().from(staffUsers).where(eq(staffUsers.id, person)))[0];
    await failsWithoutAudit(store.db, () => completeSignIn(services, person, 'totp', now));
    expect(await account()).toMatchObject({ failedSignIns: 3, lastSignInAt: null });

    const link = await issueSetupToken(store.db, person, 'reset', now);
    const choose = () => choosePassword(services, link, 'a long passphrase nobody would guess', now);
    await failsWithoutAudit(store.db, choose);
    expect(await account()).toMatchObject({ passwordChangedAt: null });
    expect(await auditedOn(String(person))).toEqual([]);

    expect(await choose()).toBe(person);
    expect(await auditedOn(String(person))).toEqual(['staff.password-set']);
  });

  it('a person changes their own password: the old one still works and no session ends', async () => {
    // The clock of today, not the fixed one: the authenticator code is checked against it.
    const at = new Date();
    const person = await activeStaff(services, ['comms'], { now: at });
    await createSession(store.db, person.id, 'active', at);
    const before = (await store.db.select().from(staffUsers).where(eq(staffUsers.id, person.id)))[0];
    const body = {
      currentPassword: person.password,
      currentCode: await generate({ secret: person.secret }),
      newPassword: 'amber violin meadow forty two',
    };
    const change = handler(authRoutes, '/staff/account/password');
    await failsWithoutAudit(store.db, () =>
      change(staffContext(services, { staffId: person.id, roles: ['comms'], method: 'POST', body, now: at })),
    );

    const after = (await store.db.select().from(staffUsers).where(eq(staffUsers.id, person.id)))[0];
    expect(after?.passwordHash).toBe(before?.passwordHash);
    expect(after?.passwordChangedAt).toEqual(before?.passwordChangedAt);
    const sessions = await store.db.select().from(staffSessions).where(eq(staffSessions.userId, person.id));
    expect(sessions.map((session) => session.revokedAt)).toEqual([null]);
  });
});
