import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { decryptJson } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { feedbackItems } from '../../src/server/db/feedback-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { renderTemplate } from '../../src/server/mail/templates.ts';
import type { Services } from '../../src/server/services.ts';
import { feedbackRoutes } from '../../src/server/staff/feedback/routes.ts';
import type { ProtectedRoute } from '../../src/server/staff/route-table.ts';
import { staffContext } from '../support/staff-context.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addFeedback, addStaff, auditActions, complaint, dumpTable, rightsRequest } from './staff-queues-fixtures.ts';

/** The handler of a route in the feedback table, by method and path. */
function route(method: 'GET' | 'POST', path: string) {
  const found = feedbackRoutes.find((r) => r.method === method && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route ${method} ${path}`);
  return (found as ProtectedRoute).handler;
}
const now = new Date('2026-11-25T10:00:00Z'); // Wednesday: a complaint of Friday 20th is due today (3 working days)

describeEachStore('the feedback queue', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let officer: number;
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
    officer = await addStaff(services, 'Olive Officer', ['comms']);
  });
  afterEach(async () => store.dispose());

  const ctx = (options: Parameters<typeof staffContext>[1]) =>
    staffContext(services, { staffId: officer, roles: ['comms'], now, ...options });
  const post = (reference: string, action: string, body: unknown, extra: Parameters<typeof staffContext>[1] = {}) =>
    route(
      'POST',
      `/staff/feedback/:reference/${action}`,
    )(ctx({ method: 'POST', params: { reference }, body, ...extra }));

  it('lists open items most urgent first, with each clock in words, and filters them', async () => {
    const late = await addFeedback(services, { ...complaint }, '2026-11-16');
    const today = await addFeedback(services, { ...complaint }, '2026-11-20');
    // A concern keeps its clock with no reply wanted (a question would not: staff-clocks.test.ts).
    const question = await addFeedback(services, { type: 'concern', message: 'x', replyBy: 'none' }, '2026-11-24');
    const page = await (await route('GET', '/staff/feedback')(ctx({}))).text();
    expect(page.indexOf(late)).toBeLessThan(page.indexOf(today));
    expect(page.indexOf(today)).toBeLessThan(page.indexOf(question));
    expect(page).toContain('overdue by 4 working days');
    expect(page).toContain('due today');
    expect(page).toContain('due in 9 working days');
    expect(page).not.toContain('CANARYMESSAGE'); // lists never decrypt

    const overdue = await route('GET', '/api/staff/feedback')(ctx({ query: { overdue: 'yes' }, wantsJson: true }));
    expect((await overdue.json()).items.map((item: { reference: string }) => item.reference)).toEqual([late]);
    const questions = await route('GET', '/api/staff/feedback')(ctx({ query: { type: 'concern' }, wantsJson: true }));
    expect((await questions.json()).items).toHaveLength(1);
  });

  it('shows rights requests to IG officers only, and other feedback to comms officers only', async () => {
    const item = await addFeedback(services, complaint);
    const rights = await addFeedback(services, rightsRequest);
    const cases = [
      { roles: ['ig'] as const, sees: [rights], refused: item },
      { roles: ['comms'] as const, sees: [item], refused: rights },
    ];
    for (const { roles, sees, refused } of cases) {
      const list = await (await route('GET', '/api/staff/feedback')(ctx({ roles, wantsJson: true }))).json();
      expect(
        list.items.map((i: { reference: string }) => i.reference),
        roles.join(),
      ).toEqual(sees);
      const open = route('GET', '/api/staff/feedback/:reference');
      expect((await open(ctx({ roles, wantsJson: true, params: { reference: refused } }))).status).toBe(404);
    }
    const both = await route('GET', '/api/staff/feedback')(ctx({ roles: ['comms', 'ig'], wantsJson: true }));
    expect((await both.json()).items).toHaveLength(2);
  });

  it('decrypts an item only on its own screen, and audits the view', async () => {
    const reference = await addFeedback(services, complaint);
    const response = await route('GET', '/staff/feedback/:reference')(ctx({ params: { reference } }));
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('CANARYMESSAGE');
    expect(page).toContain('canary.complainer@example.com');
    expect(await auditActions(store.db)).toEqual([
      { action: 'feedback.view', actorId: officer, subjectRef: reference, detail: {} },
    ]);
    const missing = await route('GET', '/staff/feedback/:reference')(ctx({ params: { reference: 'ABC3DE5F' } }));
    expect(missing.status).toBe(404);
  });

  it('assigns to me, to someone else and to nobody, each audited', async () => {
    const reference = await addFeedback(services, complaint);
    const colleague = await addStaff(services, 'Colin Colleague', ['comms']);
    const assigned = async () =>
      (await store.db.select().from(feedbackItems).where(eq(feedbackItems.reference, reference)))[0]?.assignedTo;

    const response = await post(reference, 'assign', { assignTo: 'me' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/staff/feedback/${reference}?done=assigned`);
    expect(await assigned()).toBe(officer);
    await post(reference, 'assign', { assignTo: String(colleague) });
    expect(await assigned()).toBe(colleague);
    const json = await post(reference, 'assign', { assignTo: 'nobody' }, { wantsJson: true });
    expect(await json.json()).toEqual({ reference, assignedTo: null });
    expect(await assigned()).toBeNull();
    const stranger = await post(reference, 'assign', { assignTo: '999' }, { wantsJson: true });
    expect(stranger.status).toBe(422); // not a member of staff who handles feedback
    expect((await auditActions(store.db)).map((a) => [a.action, a.detail])).toEqual([
      ['feedback.assign', { assignedTo: officer }],
      ['feedback.assign', { assignedTo: colleague }],
      ['feedback.assign', { assignedTo: null }],
    ]);
  });

  it('adds and removes themes', async () => {
    const reference = await addFeedback(services, complaint);
    await post(reference, 'themes', { theme: ' Letters ' });
    await post(reference, 'themes', { theme: 'access' });
    await post(reference, 'themes', { remove: 'letters' });
    const [row] = await store.db.select().from(feedbackItems).where(eq(feedbackItems.reference, reference));
    expect(row?.themes).toEqual(['access']);
  });

  it('keeps internal notes encrypted at rest and shows them on the item', async () => {
    const reference = await addFeedback(services, complaint);
    expect((await post(reference, 'notes', { note: 'CANARYNOTE phoned Canaria' })).status).toBe(303);
    expect(await dumpTable(store.db, 'feedback_notes')).not.toContain('CANARYNOTE');
    const page = await (await route('GET', '/staff/feedback/:reference')(ctx({ params: { reference } }))).text();
    expect(page).toContain('CANARYNOTE phoned Canaria');
    expect(page).toContain('Note by Olive Officer');
  });

  it('sends a reply through the outbox, encrypted there, kept on the history, and marks it answered', async () => {
    const reference = await addFeedback(services, complaint);
    const response = await post(reference, 'reply', { reply: 'CANARYREPLY We are sorry.', markAnswered: 'yes' });
    expect(response.status).toBe(303);
    const [message] = await store.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.template, 'staff-feedback-reply'));
    if (!message) throw new Error('no reply queued');
    expect(message.dedupeKey).toMatch(new RegExp(`^feedback:${reference}:reply:\\d+$`));
    expect(await dumpTable(store.db, 'outbox_messages')).not.toContain('CANARYREPLY');
    const params = decryptJson(
      services.keyring,
      message.paramsEncrypted,
      slotOf(outboxMessages.paramsEncrypted, message.dedupeKey),
    );
    const email = renderTemplate(message.template, params, {
      siteUrl: 'http://local',
      schemeName: 'Scheme',
    });
    expect(email.text).toContain('CANARYREPLY We are sorry.');
    expect(email.subject).toContain(reference);
    const [row] = await store.db.select().from(feedbackItems).where(eq(feedbackItems.reference, reference));
    expect(row).toMatchObject({ status: 'answered' });
    expect(row?.acknowledgedAt).not.toBeNull();
    expect(row?.answeredAt).not.toBeNull();
    const page = await (await route('GET', '/staff/feedback/:reference')(ctx({ params: { reference } }))).text();
    expect(page).toContain('Reply emailed by Olive Officer');
    expect((await auditActions(store.db)).map((a) => a.action)).toContain('feedback.reply');
  });

  it('will not reply by email to someone who gave no email address', async () => {
    const reference = await addFeedback(services, { type: 'question', message: 'x', replyBy: 'none' });
    const response = await post(reference, 'reply', { reply: 'Hello' }, { wantsJson: true });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].field).toBe('reply');
  });

  it('changes status with its stamp, and closes an item', async () => {
    const reference = await addFeedback(services, complaint);
    await post(reference, 'status', { status: 'acknowledged' });
    await post(reference, 'status', { status: 'closed' });
    const [row] = await store.db.select().from(feedbackItems).where(eq(feedbackItems.reference, reference));
    expect(row?.status).toBe('closed');
    expect(row?.acknowledgedAt).not.toBeNull();
    expect(row?.closedAt).not.toBeNull();
    expect((await auditActions(store.db)).map((a) => a.detail)).toEqual([
      { from: 'new', to: 'acknowledged' },
      { from: 'acknowledged', to: 'closed' },
    ]);
  });

  it('shows the page again with an error summary, and JSON callers get 422, when a field is wrong', async () => {
    const reference = await addFeedback(services, complaint);
    const page = await post(reference, 'notes', { note: '   ' });
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toContain('nhsuk-error-summary');
    expect(html).toContain('href="#note"');
    expect(html).toContain('Enter a note');
    const json = await post(reference, 'status', { status: 'sideways' }, { wantsJson: true });
    expect(json.status).toBe(422);
    expect(await json.json()).toEqual({ errors: [{ field: 'status', message: 'Choose a status' }] });
    expect((await auditActions(store.db)).map((a) => a.action)).toEqual(['feedback.view']); // the re-shown page
  });

  it('extends a rights request with a reason, encrypted', async () => {
    const reference = await addFeedback(services, rightsRequest);
    // Rights requests are the IG officers' (feedback/access.ts); this officer holds both roles.
    const both = { wantsJson: true, roles: ['comms', 'ig'] as const };
    const response = await post(reference, 'extend', { months: 2, reason: 'CANARYREASON many records' }, both);
    expect(await response.json()).toEqual({ reference, respondBy: '2027-02-22' });
    expect(await dumpTable(store.db, 'feedback_items')).not.toContain('CANARYREASON');
    const notRights = await addFeedback(services, complaint);
    expect((await post(notRights, 'extend', { months: 1, reason: 'x' }, both)).status).toBe(422);
  });
});
