import { afterEach, beforeEach, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import type { Store } from '../../src/server/db/client.ts';
import { buildReport } from '../../src/server/staff/reports/report.ts';
import { reportsRoutes } from '../../src/server/staff/reports/routes.ts';
import { staffContext } from '../support/staff-context.ts';
import { insertFeedback, insertOptOut } from '../support/staff-reports-rows.ts';
import { describeEachStore, testKeyring, testServices } from '../support/stores.ts';

/** Friday 20 November 2026, midday in London (GMT). */
const NOW = new Date('2026-11-20T12:00:00Z');
const NOVEMBER = { from: calendarDate('2026-11-02'), to: calendarDate('2026-11-22') };

const route = (path: string) => {
  const found = reportsRoutes.find((entry) => entry.path === path);
  if (!found || found.access === 'public') throw new Error(`No staff route ${path}`);
  return found;
};

describeEachStore('staff reports', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  async function seed() {
    const db = store.db;
    await insertOptOut(db, keyring, { receivedAt: new Date('2026-11-03T10:00:00Z') });
    await insertOptOut(db, keyring, {
      receivedAt: new Date('2026-11-10T10:00:00Z'),
      status: 'applied',
      appliedOn: '2026-11-11',
    });
    await insertOptOut(db, keyring, {
      receivedAt: new Date('2026-11-12T10:00:00Z'),
      status: 'withdrawn',
      withdrawnAt: new Date('2026-11-18T09:00:00Z'),
    });
    // Before the range: counts nowhere.
    await insertOptOut(db, keyring, { receivedAt: new Date('2026-11-01T10:00:00Z') });

    await insertFeedback(db, keyring, {
      type: 'complaint',
      status: 'acknowledged',
      themes: ['letters', 'phone line'],
      receivedOn: '2026-11-02',
      acknowledgedAt: new Date('2026-11-04T10:00:00Z'), // 2 working days
    });
    await insertFeedback(db, keyring, {
      type: 'complaint',
      status: 'new',
      themes: ['letters'],
      receivedOn: '2026-11-06',
      acknowledgeBy: '2026-11-11', // overdue on 20 November
    });
    await insertFeedback(db, keyring, {
      type: 'question',
      status: 'answered',
      receivedOn: '2026-11-02',
      acknowledgedAt: new Date('2026-11-03T10:00:00Z'), // 1 working day
      answeredAt: new Date('2026-11-16T15:00:00Z'), // 10 working days
      respondBy: '2026-11-16',
    });
    await insertFeedback(db, keyring, {
      type: 'concern',
      status: 'in-progress',
      receivedOn: '2026-11-05',
      acknowledgedAt: new Date('2026-11-06T10:00:00Z'), // 1 working day
      respondBy: '2026-11-19', // overdue on 20 November
    });
    // Received before the range, still overdue now: counts in "overdue now" only.
    await insertFeedback(db, keyring, { type: 'question', receivedOn: '2026-10-01', respondBy: '2026-10-15' });
  }

  it('counts opt-outs per week, feedback by type and theme, median working days and overdue items', async () => {
    await seed();
    const report = await buildReport(store.db, { range: NOVEMBER, unit: 'week', today: calendarDate('2026-11-20') });
    expect(report.optOuts).toEqual([
      { start: '2026-11-02', received: 1, applied: 0, withdrawn: 0 },
      { start: '2026-11-09', received: 2, applied: 1, withdrawn: 0 },
      { start: '2026-11-16', received: 0, applied: 0, withdrawn: 1 },
    ]);
    expect(report.feedbackByType).toEqual([
      { type: 'question', count: 1 },
      { type: 'concern', count: 1 },
      { type: 'complaint', count: 2 },
      { type: 'compliment', count: 0 },
      { type: 'suggestion', count: 0 },
      { type: 'rights-request', count: 0 },
      { type: 'lay-partner', count: 0 },
    ]);
    expect(report.feedbackByTheme).toEqual([
      { theme: 'letters', count: 2 },
      { theme: 'phone line', count: 1 },
    ]);
    expect(report.responseTimes).toEqual({ acknowledge: { median: 1, items: 3 }, answer: { median: 10, items: 1 } });
    expect(report.overdueNow).toEqual({ acknowledge: 1, answer: 2, total: 3 });
  });

  it('counts by the day in London: just before midnight UTC on 30 June is 1 July', async () => {
    await insertOptOut(store.db, keyring, { receivedAt: new Date('2026-06-30T23:30:00Z') });
    const report = await buildReport(store.db, {
      range: { from: calendarDate('2026-06-01'), to: calendarDate('2026-07-31') },
      unit: 'month',
      today: calendarDate('2026-11-20'),
    });
    expect(report.optOuts.map((month) => [month.start, month.received])).toEqual([
      ['2026-06-01', 0],
      ['2026-07-01', 1],
    ]);
  });

  it('a comms officer sees each figure as an accessible chart and as a table', async () => {
    await seed();
    const services = await testServices(store);
    const ctx = staffContext(services, {
      roles: ['comms'],
      path: '/staff/reports',
      now: NOW,
      query: { fromDay: '2', fromMonth: '11', fromYear: '2026', toDay: '20', toMonth: '11', toYear: '2026' },
    });
    const response = await route('/staff/reports').handler(ctx);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.match(/<svg role="img"/g)).toHaveLength(3);
    expect(html).toContain('Over 3 weeks: 3 opt-outs received, 1 applied in the clinical systems and 1 withdrawn.');
    expect(html).toContain('Most common themes: letters 2, phone line 1.');
    expect(html.match(/<table class="nhsuk-table">/g)).toHaveLength(5);
    expect(html).toMatch(/<form[^>]*action="\/staff\/reports" method="get"/);
  });

  it('keeps the dates typed and explains a range that ends before it starts', async () => {
    const services = await testServices(store);
    const query = { fromDay: '20', fromMonth: '11', fromYear: '2026', toDay: '2', toMonth: '11', toYear: '2026' };
    const page = await route('/staff/reports').handler(staffContext(services, { query, now: NOW }));
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toContain('End date must be the same as or after the start date');
    expect(html).toContain('value="20"');

    const json = await route('/api/staff/reports').handler(
      staffContext(services, { query, now: NOW, wantsJson: true }),
    );
    expect(json.status).toBe(422);
    expect(await json.json()).toEqual({
      errors: [{ field: 'to', message: 'End date must be the same as or after the start date' }],
    });
  });

  it('gives the same figures as JSON, for the last 12 weeks when no dates are given', async () => {
    await seed();
    const services = await testServices(store);
    const response = await route('/api/staff/reports').handler(staffContext(services, { now: NOW, wantsJson: true }));
    const body = await response.json();
    expect(body.range).toEqual({ from: '2026-08-31', to: '2026-11-20' });
    expect(body.optOuts).toHaveLength(12);
    expect(body.overdueNow.total).toBe(3);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });
});
