import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { AuditPage } from '../../src/server/staff/accounts/views/AuditPage.tsx';
import { LineChart } from '../../src/server/staff/reports/views/LineChart.tsx';
import { MatchesPage } from '../../src/server/staff/subject-access/views/RequestPages.tsx';
import { DataTable } from '../../src/server/staff/views/DataTable.tsx';

/** Screens that fit (issue 19, item 5): the audit log is read by people, not parsed. */
describe('the audit log screen', () => {
  const html = renderToStaticMarkup(
    <AuditPage
      rows={[
        {
          id: 1,
          at: new Date('2026-12-06T09:00:00Z'),
          actorId: 7,
          action: 'opt-out.apply',
          subjectType: 'opt-out',
          subjectRef: 'HK3BN7PD',
          detail: { from: 'identity-checked', to: 'applied', emailed: false, assignedTo: null },
        },
      ]}
      action=""
      actor=""
      names={new Map([[7, 'Iris Governance']])}
    />,
  );

  it('shows each detail as a labelled field, not raw JSON', () => {
    expect(html).not.toContain('{&quot;');
    expect(html).not.toContain('<code>');
    expect(html).toMatch(/<dt[^>]*>From<\/dt><dd[^>]*>identity-checked<\/dd>/);
    expect(html).toMatch(/<dt[^>]*>Emailed<\/dt><dd[^>]*>No<\/dd>/);
    expect(html).toMatch(/<dt[^>]*>Assigned to<\/dt><dd[^>]*>Nobody<\/dd>/);
  });

  it('scrolls the table, not the page, in a focusable region named after it', () => {
    expect(html).toMatch(
      /<div[^>]*class="staff-table-scroll"[^>]*role="region"[^>]*aria-label="[^"]+"[^>]*tabindex="0"/i,
    );
  });
});

describe('report charts and tables at 390 px', () => {
  const chart = renderToStaticMarkup(
    <LineChart
      id="c"
      title="Requests"
      description="Two equal series"
      xLabels={['16 Nov', '23 Nov']}
      series={[
        { name: 'Received', values: [3, 5] },
        { name: 'Applied', values: [3, 5] },
      ]}
    />,
  );

  it('keeps a line visible when two series are equal: each drawn wider than the ones over it', () => {
    const widths = [...chart.matchAll(/<path d="M[^"]*"[^>]*stroke-width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]).toBeGreaterThan(widths[1] ?? Number.POSITIVE_INFINITY);
    const circle = Number(/<circle[^>]*r="(\d+)"/.exec(chart)?.[1]);
    const square = Number(/<rect[^>]*width="(\d+)"/.exec(chart)?.[1]);
    // The first series' marker shows around the second's, drawn on top of it.
    expect(circle * 2).toBeGreaterThan(square);
  });

  it('scrolls a chart and a table in focusable, named regions', () => {
    expect(chart).toMatch(
      /<div[^>]*class="staff-table-scroll"[^>]*role="region"[^>]*aria-label="Requests"[^>]*tabindex="0"/i,
    );
    const table = renderToStaticMarkup(
      <DataTable caption="Weekly figures" head={['Week', 'Count']} rows={[['1', 2]]} />,
    );
    expect(table).toMatch(/role="region"[^>]*aria-label="Weekly figures"[^>]*tabindex="0"/i);
  });
});

describe('days in staff table cells', () => {
  it('writes a received day short, so a phone column wraps it to two lines, not three', () => {
    const html = renderToStaticMarkup(
      <MatchesPage
        csrfToken="t"
        matches={[
          {
            reference: '3R2R7442',
            kind: 'opt-out',
            route: 'self',
            receivedOn: calendarDate('2026-09-21'),
            status: 'received',
          },
        ]}
      />,
    );
    expect(html).toContain('<td class="nhsuk-table__cell">21 Sept 2026</td>');
    expect(html).not.toContain('21 September 2026');
  });
});
