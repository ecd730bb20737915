import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import type { Services } from '../../src/server/services.ts';
import { feedbackRoutes } from '../../src/server/staff/feedback/routes.ts';
import type { ProtectedRoute } from '../../src/server/staff/route-table.ts';
import { staffContext } from '../support/staff-context.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addFeedback, addStaff, auditActions, rightsRequest } from './staff-queues-fixtures.ts';

/**
 * A reply to a data-rights request may hold the person's own data, and the email address on the
 * form is whatever was typed. So no reply goes by email until the officer has recorded how they
 * checked that the request is the person's and that the address is theirs.
 */
function route(method: 'GET' | 'POST', path: string) {
  const found = feedbackRoutes.find((r) => r.method === method && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route ${method} ${path}`);
  return (found as ProtectedRoute).handler;
}
const now = new Date('2026-11-25T10:00:00Z');

describeEachStore('replies to a rights request', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let officer: number;
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
    officer = await addStaff(services, 'Ida Governance', ['ig']);
  });
  afterEach(async () => store.dispose());

  const ctx = (options: Parameters<typeof staffContext>[1]) =>
    staffContext(services, { staffId: officer, roles: ['ig'], now, ...options });
  const reply = (reference: string, body: Record<string, string>, wantsJson = false) =>
    route('POST', '/staff/feedback/:reference/reply')(ctx({ method: 'POST', params: { reference }, body, wantsJson }));
  const queued = async () =>
    store.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'staff-feedback-reply'));

  it('sends nothing to an unverified address, and tells the officer what to record first', async () => {
    const reference = await addFeedback(services, rightsRequest);
    const refused = await reply(reference, { reply: 'Here is a copy of your record.' }, true);
    expect(refused.status).toBe(422);
    expect((await refused.json()).errors).toEqual([
      {
        field: 'verified',
        message:
          'Before you reply by email to a rights request, say how you checked it is from the person and that this email address is theirs',
      },
    ]);
    expect(await queued()).toHaveLength(0);

    const page = await (await reply(reference, { reply: 'Here is a copy of your record.' })).text();
    expect(page).toContain('nhsuk-error-summary');
    expect(page).toContain('href="#verified"');
    expect(page).toContain('id="verified"'); // the summary's link lands on the box
    expect(page).toContain('Here is a copy of your record.'); // the reply typed is kept
  });

  it('sends the reply once the check is recorded, keeps the check on the history, and asks only once', async () => {
    const reference = await addFeedback(services, rightsRequest);
    const first = await reply(reference, {
      reply: 'We have your request.',
      verified: 'Called the number on their GP record; they confirmed the request and the email address.',
    });
    expect(first.status).toBe(303);
    expect(await queued()).toHaveLength(1);
    const item = await (
      await route('GET', '/api/staff/feedback/:reference')(ctx({ params: { reference }, wantsJson: true }))
    ).json();
    expect(item.notes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'verification',
          text: expect.stringContaining('Called the number on their GP record'),
        }),
      ]),
    );
    expect((await auditActions(store.db)).find((a) => a.action === 'feedback.reply')?.detail).toMatchObject({
      verified: true,
    });

    const second = await reply(reference, { reply: 'Here is a copy of your record.' });
    expect(second.status).toBe(303);
    expect(await queued()).toHaveLength(2);
  });
});
