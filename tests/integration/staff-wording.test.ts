import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/t.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { enqueueEmail } from '../../src/server/mail/outbox.ts';
import type { Services } from '../../src/server/services.ts';
import { navigationFor } from '../../src/server/staff/navigation.ts';
import type { ProtectedRoute, StaffRoute } from '../../src/server/staff/route-table.ts';
import { staffRoutes } from '../../src/server/staff/routes.ts';
import { staffContext } from '../support/staff-context.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';
import { addFeedback, addStaff, complaint } from './staff-queues-fixtures.ts';

/** The words staff read on their pages: what a new member of staff found confusing, fixed. */
function route(method: 'GET' | 'POST', path: string) {
  const found = staffRoutes.find((r: StaffRoute) => r.method === method && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route ${method} ${path}`);
  return (found as ProtectedRoute).handler;
}
const now = new Date('2026-11-25T10:00:00Z');
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

describe('staff wording and layout', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  let services: Services;
  let olive: number;
  let sam: number;
  beforeEach(async () => {
    store = await openPgliteStore();
    services = await testServices(store);
    olive = await addStaff(services, 'Olive Officer', ['comms']);
    sam = await addStaff(services, 'Sam Smith', ['comms']);
  });
  afterEach(async () => store.dispose());

  const as = (staffId: number, options: Parameters<typeof staffContext>[1] = {}) =>
    staffContext(services, { staffId, roles: ['comms'], now, ...options });
  const itemPage = async (staffId: number, reference: string) =>
    (await route('GET', '/staff/feedback/:reference')(as(staffId, { params: { reference } }))).text();
  const post = (staffId: number, reference: string, action: string, body: Record<string, string>) =>
    route('POST', `/staff/feedback/:reference/${action}`)(as(staffId, { method: 'POST', params: { reference }, body }));

  it('"Who is handling it" starts at whoever handles the item now, not at "Me"', async () => {
    const reference = await addFeedback(services, complaint);
    const selected = (html: string) => /<select[^>]*name="assignTo"[^>]*>[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';
    const chosen = (html: string) => /<option[^>]*selected=""[^>]*>([^<]*)</.exec(selected(html))?.[1];
    expect(chosen(await itemPage(olive, reference))).toBe(t('staffQueues.assign.nobody'));
    await post(olive, reference, 'assign', { assignTo: String(sam) });
    expect(chosen(await itemPage(olive, reference))).toBe('Sam Smith');
    expect(chosen(await itemPage(sam, reference))).toBe(t('staffQueues.assign.me'));
  });

  it('each history line says who did it', async () => {
    const reference = await addFeedback(services, complaint);
    await post(sam, reference, 'status', { status: 'acknowledged' });
    await post(olive, reference, 'status', { status: 'closed' });
    const history = text(await itemPage(olive, reference));
    expect(history).toMatch(/Acknowledged by Sam Smith — /);
    expect(history).toMatch(/Closed by Olive Officer — /);
  });

  it('the mail page says in plain words what went wrong and until when we keep trying', async () => {
    await enqueueEmail(services.store.db, services.keyring, {
      dedupeKey: 'feedback:HK3BN7PD:acknowledgement',
      to: 'resident@example.org',
      template: 'delivery-check',
      params: { reference: 'HK3BN7PD' },
    });
    const createdAt = new Date('2026-11-20T09:00:00Z');
    await services.store.db
      .update(outboxMessages)
      .set({
        status: 'dead',
        attempts: 12,
        createdAt,
        lastError: 'MailDeliveryError: SMTP delivery failed <- Error: connect ECONNREFUSED 127.0.0.1:25',
      })
      .where(eq(outboxMessages.dedupeKey, 'feedback:HK3BN7PD:acknowledgement'));
    const page = text(await (await route('GET', '/staff/mail')(as(olive))).text());
    expect(page).toContain('The email server refused the connection.');
    expect(page).toContain('We stopped trying on 23 November 2026');
    expect(page).not.toContain('ECONNREFUSED');
    expect(page).not.toContain('MailDeliveryError');
    expect(page).not.toContain('delivery-check');
  });

  it('every menu item is named as the page it opens is titled', async () => {
    const menu = navigationFor(staffRoutes, ['comms', 'ig', 'admin']);
    const titles: [string, string][] = [];
    for (const item of menu) {
      const html = await (await route('GET', item.href)(as(olive, { roles: ['comms', 'ig', 'admin'] }))).text();
      titles.push([item.text, /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '']);
    }
    expect(titles.filter(([name, title]) => name !== title)).toEqual([]);
  });

  it('the account page has one "Roles": the heading, then a question', async () => {
    const page = await (
      await route('GET', '/staff/accounts/:id')(as(olive, { roles: ['admin'], params: { id: String(sam) } }))
    ).text();
    expect(page.match(/>Roles</g) ?? []).toHaveLength(1);
    expect(page).toMatch(/<legend[^>]*>[^<]+\?<\/legend>/);
  });
});
