import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { neutraliseFormula, toCsv } from '../../src/server/staff/opt-outs/export.ts';
import type { ProtectedRoute } from '../../src/server/staff/route-table.ts';
import { optOutsRoutes } from '../../src/server/staff/routes/opt-outs.ts';
import { staffContext } from '../support/staff-context.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addOptOut, addStaff, auditActions, optOutFields } from './staff-queues-fixtures.ts';

function route(method: 'GET' | 'POST', path: string) {
  const found = optOutsRoutes.find((r) => r.method === method && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route ${method} ${path}`);
  return (found as ProtectedRoute).handler;
}

describe('the CSV for GP systems', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=1+1', '+44', '-2', '@SUM(A1)', '\tx', '\rx'])
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    expect(neutraliseFormula('Zebedee')).toBe('Zebedee');
    const csv = toCsv([
      {
        reference: 'ABC3DE5F',
        change: 'objection',
        nhsNumber: '',
        name: '=HYPERLINK("http://evil.example","Click")',
        dateOfBirth: '1958-09-07',
        address: '@1 Lane, "Quoted", Town',
        postcode: 'AW7 3RL',
        effectiveDate: '2026-11-24',
      },
    ]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"")"`);
    expect(csv).toContain(`"'@1 Lane, ""Quoted"", Town"`);
    expect(csv.split('\r\n')[0]).toContain('"SNOMED CT code"');
  });
});

describeEachStore('the opt-out export', (open) => {
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
  const step = (reference: string, action: string, body: unknown, now: Date) =>
    route(
      'POST',
      `/staff/opt-outs/:reference/${action}`,
    )(ctx({ method: 'POST', params: { reference }, body, wantsJson: true }, now));
  async function applyAll(reference: string, appliedOn: string, now: Date) {
    await step(reference, 'confirm-contact', {}, now);
    await step(reference, 'check-identity', { note: 'Phoned' }, now);
    await step(reference, 'apply', { date: appliedOn }, now);
  }
  const exportCsv = (body: unknown, now: Date) =>
    route('POST', '/staff/opt-outs/export')(ctx({ method: 'POST', body }, now));

  it('lists applied objections and withdrawals with their SNOMED CT codes, one row per person, audited with the count only', async () => {
    const monday = new Date('2026-11-23T12:00:00Z');
    const known = await addOptOut(services, { ...optOutFields, email: '' });
    const unknown = await addOptOut(services, { ...optOutFields, email: '', nhsNumberKnown: 'no', nhsNumber: '' });
    const withdrawn = await addOptOut(services, { ...optOutFields, email: '' });
    const untouched = await addOptOut(services);
    await applyAll(known, '2026-11-20', monday);
    await applyAll(unknown, '2026-11-23', monday);
    await applyAll(withdrawn, '2026-11-20', monday);
    // The person asked on the status page and had no email, so staff confirm by phone.
    await store.db
      .update(optOutRequests)
      .set({ withdrawalRequestedAt: monday })
      .where(eq(optOutRequests.reference, withdrawn));
    await step(withdrawn, 'confirm-withdrawal', {}, monday);
    await step(withdrawn, 'record-withdrawal-applied', { date: '2026-11-23' }, monday);

    const response = await exportCsv(
      { fromDay: '23', fromMonth: '11', fromYear: '2026', toDay: '23', toMonth: '11', toYear: '2026' },
      monday,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="opt-out-changes-2026-11-23-to-2026-11-23.csv"',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines).toHaveLength(4); // header + 3 people
    const line = (reference: string) => lines.find((l) => l.startsWith(`"${reference}"`)) ?? '';
    expect(line(known)).toContain('"9434765919","Zebedee Canarywood","1958-09-07","",""');
    expect(line(known)).toContain(
      '"416409005","Refused consent for upload to local shared electronic record","Objection applied","2026-11-20"',
    );
    expect(line(unknown)).toContain(
      '"","Zebedee Canarywood","1958-09-07","17 Canary Lane, Wyre Bridge","AW7 3RL","416409005"',
    );
    expect(line(withdrawn)).toContain(
      '"417528008","Consent given for upload to local shared electronic record","Objection withdrawn","2026-11-23"',
    );
    expect(line(untouched)).toBe('');

    const audit = (await auditActions(store.db)).filter((a) => a.action === 'opt-out.export');
    expect(audit).toEqual([
      {
        action: 'opt-out.export',
        actorId: officer,
        subjectRef: null,
        detail: { from: '2026-11-23', to: '2026-11-23', rows: 3 },
      },
    ]);
  });

  it('starts the next export the day after the last one ended', async () => {
    const reference = await addOptOut(services, { ...optOutFields, email: '' });
    await applyAll(reference, '2026-11-20', new Date('2026-11-20T12:00:00Z'));
    const first = await exportCsv({ from: '2026-11-01', to: '2026-11-20' }, new Date('2026-11-20T16:00:00Z'));
    expect((await first.text()).split('\r\n').filter(Boolean)).toHaveLength(2);
    const form = await route('GET', '/staff/opt-outs/export')(ctx({}, new Date('2026-11-25T09:00:00Z')));
    const html = await form.text();
    expect(html).toMatch(/name="fromDay"[^>]*value="21"/);
    expect(html).toMatch(/name="toDay"[^>]*value="25"/);
  });

  it('shows the form again when the dates are wrong', async () => {
    const response = await exportCsv(
      { fromDay: '30', fromMonth: '2', fromYear: '2026', toDay: '', toMonth: '', toYear: '' },
      new Date('2026-11-25T09:00:00Z'),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('nhsuk-error-summary');
    expect(html).toContain('href="#from"');
    expect(html).toContain('href="#to"');
    expect((await auditActions(store.db)).filter((a) => a.action === 'opt-out.export')).toEqual([]);
  });
});
