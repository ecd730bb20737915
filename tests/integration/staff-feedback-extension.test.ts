import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { decryptJson } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { renderTemplate } from '../../src/server/mail/templates.ts';
import type { Services } from '../../src/server/services.ts';
import { feedbackRoutes } from '../../src/server/staff/feedback/routes.ts';
import type { ProtectedRoute } from '../../src/server/staff/route-table.ts';
import { staffContext } from '../support/staff-context.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addFeedback, addStaff, auditActions, rightsRequest } from './staff-queues-fixtures.ts';

/**
 * UK GDPR Art. 12(3) (https://www.legislation.gov.uk/eur/2016/679/article/12): a rights request
 * may be extended by two further months, once, and the person must be told, with the reasons,
 * within one month of receipt.
 */
function route(method: 'GET' | 'POST', path: string) {
  const found = feedbackRoutes.find((r) => r.method === method && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route ${method} ${path}`);
  return (found as ProtectedRoute).handler;
}

describeEachStore('extending a rights request', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let officer: number;
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
    officer = await addStaff(services, 'Iris Governance', ['ig']);
  });
  afterEach(async () => store.dispose());

  const ctx = (options: Parameters<typeof staffContext>[1], now: Date) =>
    staffContext(services, { staffId: officer, roles: ['ig'], now, ...options });
  const extend = (reference: string, body: unknown, now: Date, wantsJson = true) =>
    route(
      'POST',
      '/staff/feedback/:reference/extend',
    )(ctx({ method: 'POST', params: { reference }, body, wantsJson }, now));
  const itemPage = async (reference: string, now: Date) =>
    (await route('GET', '/staff/feedback/:reference')(ctx({ params: { reference } }, now))).text();
  const now = new Date('2026-11-25T10:00:00Z');

  it('extends once only, and a second extension cannot move the deadline or replace the reason', async () => {
    const reference = await addFeedback(services, rightsRequest, '2026-11-20');
    const first = await extend(reference, { months: 2, reason: 'CANARYFIRST many records' }, now);
    expect(await first.json()).toEqual({ reference, respondBy: '2027-02-22' });

    const again = await extend(reference, { months: 1, reason: 'CANARYSECOND' }, now);
    expect(again.status).toBe(422);
    expect(await again.json()).toEqual({
      errors: [
        {
          field: 'months',
          message:
            'This request has already been extended. The law allows one extension, to at most 3 months from when it arrived.',
        },
      ],
    });
    const html = await itemPage(reference, now);
    expect(html).toContain('22 February 2027');
    expect(html).toContain('CANARYFIRST many records');
    expect(html).not.toContain('CANARYSECOND');
    expect((await auditActions(store.db)).filter((a) => a.action === 'feedback.extend')).toHaveLength(1);
  });

  it('emails the person the reason and the new date, and shows the extension in the history', async () => {
    const reference = await addFeedback(services, rightsRequest, '2026-11-20');
    await extend(reference, { months: 1, reason: 'CANARYREASON records held by three practices' }, now);
    const messages = await store.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.template, 'staff-feedback-extension'));
    expect(messages).toHaveLength(1);
    const [message] = messages;
    if (!message) throw new Error('no email queued');
    const params = decryptJson(
      services.keyring,
      message.paramsEncrypted,
      slotOf(outboxMessages.paramsEncrypted, message.dedupeKey),
    );
    const email = renderTemplate(message.template, params, { siteUrl: 'http://local', schemeName: 'Scheme' });
    expect(email.text).toContain('CANARYREASON records held by three practices');
    expect(email.text).toContain('20 January 2027');
    expect(email.subject).toContain(reference);

    const html = await itemPage(reference, now);
    const history = html.slice(html.indexOf('>History</h3>'));
    expect(history).not.toBe('');
    expect(history).toContain('Deadline extended by 1 month');
    expect(history).toContain('CANARYREASON records held by three practices');
    expect(html).not.toMatch(/\b1 months\b/);
  });

  it('refuses an extension after the first month, when the person can no longer be told in time', async () => {
    const reference = await addFeedback(services, rightsRequest, '2026-10-20');
    const late = await extend(reference, { months: 2, reason: 'Many records' }, new Date('2026-11-21T10:00:00Z'));
    expect(late.status).toBe(422);
    expect(await late.json()).toEqual({
      errors: [
        {
          field: 'months',
          message:
            'It is too late to extend this request. An extension must be made, and the person told why, within one month of when it arrived (by 20 November 2026).',
        },
      ],
    });
    expect(
      await store.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'staff-feedback-extension')),
    ).toEqual([]);
  });
});
