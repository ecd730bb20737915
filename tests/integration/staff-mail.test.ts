import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { dispatchDue, enqueueEmail } from '../../src/server/mail/outbox.ts';
import type { Services } from '../../src/server/services.ts';
import { outboxRoutes } from '../../src/server/staff/outbox/routes.ts';
import type { ProtectedRoute } from '../../src/server/staff/route-table.ts';
import { staffContext } from '../support/staff-context.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addFeedback, auditActions, rightsRequest } from './staff-queues-fixtures.ts';

function route(method: 'GET' | 'POST', path: string) {
  const found = outboxRoutes.find((r) => r.method === method && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route ${method} ${path}`);
  return (found as ProtectedRoute).handler;
}

describeEachStore('dead-letter mail', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
  });
  afterEach(async () => store.dispose());

  /** An email the outbox gave up on: queued 73 hours ago, failing every time. */
  async function deadEmail(dedupeKey = 'opt-out:ABC3DE5F:received'): Promise<number> {
    await enqueueEmail(store.db, services.keyring, {
      dedupeKey,
      to: 'canary.recipient@example.com',
      template: 'delivery-check',
      params: { reference: 'ABC3DE5F' },
    });
    const created = new Date(Date.now() - 73 * 3_600_000);
    await store.db.update(outboxMessages).set({ createdAt: created, nextAttemptAt: created });
    const failing = { ...services.mailer, send: async () => Promise.reject(new Error('550 mailbox unavailable')) };
    const result = await dispatchDue({
      db: store.db,
      keyring: services.keyring,
      mailer: failing,
      siteUrl: 'http://local',
      schemeName: 'S',
    });
    expect(result.dead).toBe(1);
    const [row] = await store.db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, dedupeKey));
    return row?.id ?? 0;
  }

  it('lists dead emails with the template, reference and error, never the recipient', async () => {
    await deadEmail();
    const page = await (await route('GET', '/staff/mail')(staffContext(services, { roles: ['ig'] }))).text();
    // Named and explained in words (e479256): never the template name or the raw error.
    expect(page).toContain('Test email');
    expect(page).toContain('ABC3DE5F');
    expect(page).toContain('The email address was refused');
    expect(page).not.toContain('550 mailbox unavailable');
    expect(page).not.toContain('canary.recipient');
    const json = await (await route('GET', '/api/staff/mail')(staffContext(services, { wantsJson: true }))).json();
    expect(json.messages).toMatchObject([{ template: 'delivery-check', reference: 'ABC3DE5F', attempts: 1 }]);
  });

  it('retries a dead email with a fresh window, audited, and it is sent on the next dispatch', async () => {
    const id = await deadEmail();
    const now = new Date();
    const response = await route(
      'POST',
      '/staff/mail/:id/retry',
    )(staffContext(services, { method: 'POST', params: { id: String(id) }, staffId: 7, now }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/staff/mail?done=retried');
    const [row] = await store.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row?.createdAt.getTime()).toBe(now.getTime());
    expect(await auditActions(store.db)).toEqual([
      { action: 'mail.retry', actorId: 7, subjectRef: String(id), detail: { template: 'delivery-check' } },
    ]);

    const again = await route(
      'POST',
      '/api/staff/mail/:id/retry',
    )(staffContext(services, { method: 'POST', params: { id: String(id) }, wantsJson: true }));
    expect(again.status).toBe(409); // not dead any more: nothing changes

    const sent: string[] = [];
    const working = { ...services.mailer, send: async (m: { to: string }) => void sent.push(m.to) };
    await dispatchDue({
      db: store.db,
      keyring: services.keyring,
      mailer: working,
      siteUrl: 'http://local',
      schemeName: 'S',
    });
    expect(sent).toEqual(['canary.recipient@example.com']);
  });

  it('lets only the role that owns an email see and retry it: opt-outs and rights requests IG, other feedback comms', async () => {
    const rights = await addFeedback(services, rightsRequest);
    const question = await addFeedback(services, { type: 'question', message: 'x', replyBy: 'none' });
    await store.db.delete(outboxMessages); // the items' own acknowledgements: only the dead ones below count
    const ids = {
      optOut: await deadEmail('opt-out:ABC3DE5F:rejected'),
      rights: await deadEmail(`feedback:${rights}:reply:2`),
      question: await deadEmail(`feedback:${question}:reply:1`),
      staff: await deadEmail('staff-reset:4:0123456789abcdef'),
    };
    const owners = { ig: [ids.optOut, ids.rights], comms: [ids.question] } as const;
    for (const role of ['ig', 'comms'] as const) {
      const ctx = (extra: Parameters<typeof staffContext>[1]) =>
        staffContext(services, { roles: [role], wantsJson: true, ...extra });
      const listed = await (await route('GET', '/api/staff/mail')(ctx({}))).json();
      expect(listed.messages.map((m: { id: number }) => m.id).sort(), role).toEqual([...owners[role]].sort());
      for (const id of Object.values(ids)) {
        const retry = route('POST', '/api/staff/mail/:id/retry');
        const response = await retry(ctx({ method: 'POST', params: { id: String(id) } }));
        expect(response.status, `${role} retrying ${id}`).toBe(
          (owners[role] as readonly number[]).includes(id) ? 200 : 404,
        );
      }
    }
    const [staffEmail] = await store.db.select().from(outboxMessages).where(eq(outboxMessages.id, ids.staff));
    expect(staffEmail?.status).toBe('dead'); // an admin sends a fresh link instead (reset or invite)
  });
});
