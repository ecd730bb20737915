import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import type { Services } from '../../src/server/services.ts';
import { feedbackRoutes } from '../../src/server/staff/feedback/routes.ts';
import { optOutsRoutes } from '../../src/server/staff/opt-outs/routes.ts';
import type { ProtectedRoute, StaffRoute } from '../../src/server/staff/route-table.ts';
import { staffContext } from '../support/staff-context.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addFeedback, addOptOut, addStaff, complaint, optOutFields } from './staff-queues-fixtures.ts';

/** Clocks that never stop silently or mislead (issue 19, item 3). */
function route(table: StaffRoute[], method: 'GET' | 'POST', path: string) {
  const found = table.find((r) => r.method === method && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route ${method} ${path}`);
  return (found as ProtectedRoute).handler;
}

describeEachStore('staff clocks', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let officer: number;
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
    officer = await addStaff(services, 'Olive Officer', ['comms', 'ig']);
  });
  afterEach(async () => store.dispose());

  const ctx = (options: Parameters<typeof staffContext>[1], now: Date) =>
    staffContext(services, { staffId: officer, roles: ['comms', 'ig'], now, ...options });
  const feedbackJson = async (reference: string, now: Date) => {
    const list = await route(feedbackRoutes, 'GET', '/api/staff/feedback')(ctx({ wantsJson: true }, now));
    const { items } = (await list.json()) as { items: { reference: string; respondBy: string | null }[] };
    return items.find((item) => item.reference === reference);
  };
  const feedbackRow = async (reference: string, now: Date) => {
    const html = await (await route(feedbackRoutes, 'GET', '/staff/feedback')(ctx({}, now))).text();
    return html.slice(html.indexOf(`>${reference}</a>`)).split('</tr>')[0] ?? '';
  };

  it('counts down to the response date agreed with a complainant, and shows it overdue once passed', async () => {
    const reference = await addFeedback(services, complaint, '2026-11-20');
    const wednesday = new Date('2026-11-25T10:00:00Z');
    const post = (action: string, body: unknown) =>
      route(
        feedbackRoutes,
        'POST',
        `/staff/feedback/:reference/${action}`,
      )(ctx({ method: 'POST', params: { reference }, body }, wednesday));
    await post('status', { status: 'acknowledged' });
    const agreed = await post('agree-date', { agreedDay: '27', agreedMonth: '11', agreedYear: '2026' });
    expect(agreed.status).toBe(303);
    expect((await feedbackJson(reference, wednesday))?.respondBy).toBe('2026-11-27');
    expect(await feedbackRow(reference, wednesday)).toContain('due in 2 working days');
    expect(await feedbackRow(reference, new Date('2026-12-01T10:00:00Z'))).toContain('overdue by 2 working days');

    const item = await (
      await route(feedbackRoutes, 'GET', '/staff/feedback/:reference')(ctx({ params: { reference } }, wednesday))
    ).text();
    expect(item).toContain('Response date agreed with them');
    expect(item).toContain('27 November 2026');
  });

  it('refuses an agreed date in the past, beside the field', async () => {
    const reference = await addFeedback(services, complaint, '2026-11-20');
    const typed = { agreedDay: '1', agreedMonth: '11', agreedYear: '2026' };
    const response = await route(
      feedbackRoutes,
      'POST',
      '/staff/feedback/:reference/agree-date',
    )(ctx({ method: 'POST', params: { reference }, body: typed }, new Date('2026-11-25T10:00:00Z')));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#agreed"');
    expect(html).toContain('Response date must be today or in the future');
    // The date boxes keep what was typed, so the officer corrects it rather than starting again.
    for (const [name, value] of Object.entries(typed))
      expect(html).toMatch(new RegExp(`name="${name}"[^>]*value="${value}"`));
  });

  it('shows no reply deadline on a question when no reply is wanted', async () => {
    const reference = await addFeedback(services, { type: 'question', message: 'x', replyBy: 'none' }, '2026-11-24');
    const now = new Date('2026-11-25T10:00:00Z');
    expect((await feedbackJson(reference, now))?.respondBy).toBeNull();
    const row = await feedbackRow(reference, now);
    expect(row).not.toContain('working days');
    expect(row).toContain('no reply wanted');
  });

  it('shows each opt-out against the promise emailed to the resident: applied within 10 working days of checking', async () => {
    const checked = await addOptOut(services, { ...optOutFields, email: '' });
    const waiting = await addOptOut(services, { ...optOutFields, email: '' });
    const monday = new Date('2026-11-23T10:00:00Z');
    const step = (action: string, body: unknown) =>
      route(
        optOutsRoutes,
        'POST',
        `/staff/opt-outs/:reference/${action}`,
      )(ctx({ method: 'POST', params: { reference: checked }, body, wantsJson: true }, monday));
    await step('confirm-contact', {});
    await step('check-identity', { note: 'Phoned' });

    const now = new Date('2026-11-25T10:00:00Z');
    const html = await (await route(optOutsRoutes, 'GET', '/staff/opt-outs')(ctx({}, now))).text();
    const row = (reference: string) => html.slice(html.indexOf(`>${reference}</a>`)).split('</tr>')[0] ?? '';
    expect(html).toContain('Apply by');
    expect(row(checked)).toContain('7 Dec 2026');
    expect(row(checked)).toContain('due in 8 working days');
    expect(row(waiting)).toContain('10 working days from the identity check');
    const late = await (
      await route(optOutsRoutes, 'GET', '/staff/opt-outs')(ctx({}, new Date('2026-12-08T10:00:00Z')))
    ).text();
    expect(late.slice(late.indexOf(`>${checked}</a>`)).split('</tr>')[0]).toContain('overdue by 1 working day');

    const json = await route(optOutsRoutes, 'GET', '/api/staff/opt-outs')(ctx({ wantsJson: true }, now));
    const { requests } = (await json.json()) as { requests: { reference: string; applyBy: string | null }[] };
    expect(requests.find((r) => r.reference === checked)?.applyBy).toBe('2026-12-07');
    expect(requests.find((r) => r.reference === waiting)?.applyBy).toBeNull();
  });
});
