import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { optOutBatchRequests, optOutExportBatches, optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { neutraliseFormula, toCsv } from '../../src/server/staff/opt-outs/export.ts';
import { createBatch, type ExportBatch, takeWaiting } from '../../src/server/staff/opt-outs/export-batches.ts';
import { batchCsv } from '../../src/server/staff/opt-outs/export-stream.ts';
import { optOutsRoutes } from '../../src/server/staff/opt-outs/routes.ts';
import type { ProtectedRoute } from '../../src/server/staff/route-table.ts';
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

  /** What a browser would post: every named input of the export form, as the page filled it in. */
  async function submitTheFormAsOffered(now: Date) {
    const html = await (await route('GET', '/staff/opt-outs/export')(ctx({}, now))).text();
    const form = html.slice(html.search(/<form[^>]*action="\/staff\/opt-outs\/export"/));
    const body: Record<string, string> = {};
    for (const input of form.slice(0, form.indexOf('</form>')).matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      if (name) body[name] = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    }
    const response = await exportCsv(body, now);
    // Nothing waiting is a clear answer, not an empty file.
    if (response.status === 422) {
      expect(await response.text()).toContain('There are no changes waiting to be sent');
      return [];
    }
    expect(response.status).toBe(200);
    return (await response.text())
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.slice(1, 9));
  }

  it('sends every applied or withdrawn request in exactly one export, whenever it was applied', async () => {
    // The reproduction: exported at 06:02, a request applied at 06:05, the next day's export.
    const first = await addOptOut(services, { ...optOutFields, email: '' });
    const second = await addOptOut(services, { ...optOutFields, email: '' });
    const during = await addOptOut(services, { ...optOutFields, email: '' });
    const withdrawn = await addOptOut(services, { ...optOutFields, email: '' });
    await applyAll(first, '2026-12-06', new Date('2026-12-06T06:00:00Z'));
    await applyAll(withdrawn, '2026-12-06', new Date('2026-12-06T06:01:00Z'));
    const exports: string[][] = [];
    exports.push(await submitTheFormAsOffered(new Date('2026-12-06T06:02:00Z')));
    await applyAll(second, '2026-12-06', new Date('2026-12-06T06:05:00Z'));
    await store.db
      .update(optOutRequests)
      .set({ withdrawalRequestedAt: new Date('2026-12-06T07:00:00Z') })
      .where(eq(optOutRequests.reference, withdrawn));
    await step(withdrawn, 'confirm-withdrawal', {}, new Date('2026-12-06T07:00:00Z'));
    await step(withdrawn, 'record-withdrawal-applied', { date: '2026-12-06' }, new Date('2026-12-06T07:01:00Z'));
    // Applied while an export is being made: in that export or the next, never in neither.
    await step(during, 'confirm-contact', {}, new Date('2026-12-07T09:00:00Z'));
    await step(during, 'check-identity', { note: 'Phoned' }, new Date('2026-12-07T09:00:00Z'));
    const [, racing] = await Promise.all([
      step(during, 'apply', { date: '2026-12-07' }, new Date('2026-12-07T09:00:00Z')),
      submitTheFormAsOffered(new Date('2026-12-07T09:00:00Z')),
    ]);
    exports.push(racing);
    exports.push(await submitTheFormAsOffered(new Date('2026-12-08T09:00:00Z')));

    const sent = exports.flat();
    for (const reference of [first, second, during]) expect(sent.filter((r) => r === reference)).toHaveLength(1);
    // The objection went out on the 6th, and its removal afterwards: two changes, each sent once.
    expect(sent.filter((r) => r === withdrawn)).toHaveLength(2);
  });

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

    const response = await exportCsv({}, monday);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="opt-out-changes-batch-1-2026-11-23.csv"',
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
        subjectRef: '1',
        detail: { rows: 3 },
      },
    ]);
  });

  it('gives the same rows when a past batch is downloaded again, even after later changes', async () => {
    const reference = await addOptOut(services, { ...optOutFields, email: '' });
    const monday = new Date('2026-11-23T12:00:00Z');
    await applyAll(reference, '2026-11-20', monday);
    const first = await (await exportCsv({}, monday)).text();
    // Withdrawn and removed afterwards: the removal goes in the next batch, the first is unchanged.
    await store.db
      .update(optOutRequests)
      .set({ withdrawalRequestedAt: monday })
      .where(eq(optOutRequests.reference, reference));
    await step(reference, 'confirm-withdrawal', {}, monday);
    await step(reference, 'record-withdrawal-applied', { date: '2026-11-23' }, monday);
    const second = await (await exportCsv({}, monday)).text();
    expect(second).toContain('"Objection withdrawn"');

    const again = await route(
      'POST',
      '/staff/opt-outs/export/:batch',
    )(ctx({ method: 'POST', params: { batch: '1' } }, new Date('2026-11-30T12:00:00Z')));
    expect(again.headers.get('content-disposition')).toBe(
      'attachment; filename="opt-out-changes-batch-1-2026-11-23.csv"',
    );
    expect(await again.text()).toBe(first);
    expect(first).toContain('"Objection applied"');
    const audit = (await auditActions(store.db)).filter((a) => a.action.startsWith('opt-out.export'));
    expect(audit.map((a) => [a.action, a.subjectRef, a.detail])).toEqual([
      ['opt-out.export', '1', { rows: 1 }],
      ['opt-out.export', '2', { rows: 1 }],
      ['opt-out.export-again', '1', { rows: 1 }],
    ]);
    const missing = await route(
      'POST',
      '/staff/opt-outs/export/:batch',
    )(ctx({ method: 'POST', params: { batch: '99' } }, monday));
    expect(missing.status).toBe(404);
  });

  it('streams the file a chunk at a time, the same bytes as one piece, and two exports at once share nothing', async () => {
    const monday = new Date('2026-11-23T12:00:00Z');
    const references: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      const reference = await addOptOut(services, { ...optOutFields, email: '' });
      await applyAll(reference, '2026-11-20', monday);
      references.push(reference);
    }
    // Two officers press "Download" at the same moment: each change goes in exactly one file.
    const [one, two] = await Promise.all([exportCsv({}, monday), exportCsv({}, monday)]);
    const bodies = await Promise.all([one, two].map(async (r) => (r.status === 200 ? r.text() : '')));
    const sent = bodies.flatMap((body) =>
      body
        .split('\r\n')
        .slice(1)
        .filter(Boolean)
        .map((line) => line.slice(1, 9)),
    );
    expect(sent.sort()).toEqual([...references].sort());
    const batchId = one.status === 200 ? 1 : 2;

    // The response is a stream: the heading arrives on its own before any row is read.
    const again = await route(
      'POST',
      '/staff/opt-outs/export/:batch',
    )(ctx({ method: 'POST', params: { batch: String(batchId) } }, monday));
    const reader = again.body?.getReader();
    const first = new TextDecoder().decode((await reader?.read())?.value);
    expect(first).toBe(`${toCsv([]).trim()}\r\n`);
    await reader?.cancel();

    // Two rows a chunk: three chunks after the heading, in reference order, joining into the same file.
    const chunks: string[] = [];
    for await (const chunk of batchCsv(store.db, services.keyring, batchId, 2))
      chunks.push(new TextDecoder().decode(chunk));
    expect(chunks.map((chunk) => chunk.split('\r\n').filter(Boolean).length)).toEqual([1, 2, 2, 1]);
    expect(chunks.join('')).toBe(bodies.find(Boolean));
  });

  /** A first export's transaction, held open after it has taken every waiting change, until `finish`. */
  function heldExport(undo: boolean) {
    let finish = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let took = (_people: number) => {};
    const taken = new Promise<number>((resolve) => {
      took = resolve;
    });
    const done = store.db
      .transaction(async (tx) => {
        const [batch] = await tx.insert(optOutExportBatches).values({ createdBy: officer, rowCount: 0 }).returning();
        took(await takeWaiting(tx, batch?.id ?? 0, undefined));
        await finished;
        if (undo) tx.rollback();
      })
      .catch((error: unknown) => {
        if (!undo) throw error;
      });
    return { taken, finish, done };
  }

  it('makes a second export at the same moment wait for the first, then take only what the first did not keep', async () => {
    const monday = new Date('2026-11-23T12:00:00Z');
    for (const undo of [true, false]) {
      const reference = await addOptOut(services, { ...optOutFields, email: '' });
      await applyAll(reference, '2026-11-20', monday);
      const first = heldExport(undo);
      expect(await first.taken).toBe(1);
      let second: ExportBatch | undefined | 'waiting' = 'waiting';
      const racing = createBatch(store.db, { actorId: officer, now: monday }).then((batch) => {
        second = batch;
        return batch;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The first export's rows are not committed yet: the second waits on them rather than send them too.
      expect(second).toBe('waiting');
      first.finish();
      await first.done;
      // Undone, the change is the second's to send; committed, the second finds it taken and makes no batch.
      expect((await racing)?.rowCount).toBe(undo ? 1 : undefined);
    }
    // Each objection is in exactly one batch: the undone one in the second export's, the other in the first's.
    const sent = await store.db.select().from(optOutBatchRequests);
    expect(sent.map((row) => [row.change, row.batchId]).sort()).toEqual([
      ['objection', 2],
      ['objection', 3],
    ]);
  });

  it('says so, and makes no batch, when nothing is waiting to be sent', async () => {
    const response = await exportCsv({}, new Date('2026-11-25T09:00:00Z'));
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('nhsuk-error-summary');
    expect(html).toContain('There are no changes waiting to be sent');
    expect(html).toContain('href="#next"');
    expect((await auditActions(store.db)).filter((a) => a.action === 'opt-out.export')).toEqual([]);
  });
});
