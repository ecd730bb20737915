import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { OptOutRoute, OptOutStatus } from '../../src/domain/opt-out.ts';
import { generateReference } from '../../src/domain/reference.ts';
import type { Store } from '../../src/server/db/client.ts';
import { optOutEvidence, optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { optOutEvents, staffAuditLog } from '../../src/server/db/staff-schema.ts';
import { optOutsRoutes } from '../../src/server/staff/opt-outs/routes.ts';
import { staffRoutes } from '../../src/server/staff/routes.ts';
import { describeEachStore } from '../support/stores.ts';
import { queueSession } from './staff-queue-session.ts';

/**
 * The opt-out work list built for volume (issue 19, item 3): filters in the database, keyset
 * pages, and bulk steps that check every request and audit each one changed.
 */

// Friday 4 December 2026, 10:00 in London.
const now = new Date('2026-12-04T10:00:00Z');

interface QueueRow {
  route?: OptOutRoute;
  status?: OptOutStatus;
  receivedAt: Date;
  identityCheckedAt?: Date;
  evidence?: boolean;
  /** The GP practice the record platform's match file gave. */
  practice?: string;
}

/**
 * Requests written straight to the table: the list decrypts nothing, so sealed-looking
 * placeholders stand in for the encrypted columns, and hundreds of rows take a moment.
 */
async function addRows(store: Store, rows: readonly QueueRow[]): Promise<string[]> {
  const values = rows.map((row, index) => ({
    reference: generateReference(),
    idempotencyKey: `queue-${index}-${Math.random()}`,
    route: row.route ?? 'self',
    status: row.status ?? 'received',
    statusLookupHmac: 'x',
    patientNameEncrypted: 'x',
    patientDateOfBirthEncrypted: 'x',
    patientAddressEncrypted: 'x',
    hasEmail: false,
    receivedAt: row.receivedAt,
    identityCheckedAt: row.identityCheckedAt ?? null,
    practiceCode: row.practice ?? null,
  }));
  const inserted = await store.db
    .insert(optOutRequests)
    .values(values)
    .returning({ id: optOutRequests.id, reference: optOutRequests.reference });
  const withEvidence = inserted.filter((_, index) => rows[index]?.evidence);
  if (withEvidence.length > 0)
    await store.db.insert(optOutEvidence).values(
      withEvidence.map((row) => ({
        requestId: row.id,
        contentType: 'image/png',
        byteSize: 1,
        fileNameEncrypted: 'x',
        dataEncrypted: 'x',
      })),
    );
  return inserted.map((row) => row.reference);
}

describeEachStore('the opt-out queue for volume', (open) => {
  const { session, call } = queueSession(open, { name: 'Iris Governance', roles: ['ig'], now, routes: optOutsRoutes });
  const listJson = async (query: Record<string, string>) => {
    const response = await call('GET', '/api/staff/opt-outs', { query, wantsJson: true });
    return (await response.json()) as {
      requests: { id: number; reference: string }[];
      matching: number;
      previous: number | null;
      next: number | null;
    };
  };
  const bulk = (body: Record<string, unknown>, wantsJson = false) =>
    call('POST', '/staff/opt-outs/bulk', { body, wantsJson });

  it('walks 130 waiting requests in three keyset pages, oldest first, and back again', async () => {
    const day = (n: number) => new Date(Date.UTC(2026, 10, 2, 9, 0, n));
    // Out of order, and two with the same instant, so the id has to break the tie.
    const times = Array.from({ length: 130 }, (_, n) => day(n % 2 === 0 ? 129 - n : n === 1 ? 0 : n));
    const references = await addRows(
      session.store,
      times.map((receivedAt) => ({ receivedAt })),
    );
    await addRows(session.store, [{ receivedAt: day(5), status: 'applied' }]);
    const expected = [...references.keys()]
      .sort((a, b) => (times[a]?.getTime() ?? 0) - (times[b]?.getTime() ?? 0) || a - b)
      .map((index) => references[index]);

    const first = await listJson({});
    expect(first.matching).toBe(130);
    expect(first.previous).toBeNull();
    const second = await listJson({ after: String(first.next) });
    const third = await listJson({ after: String(second.next) });
    expect(third.next).toBeNull();
    const walked = [...first.requests, ...second.requests, ...third.requests].map((entry) => entry.reference);
    expect(walked).toEqual(expected);
    expect([first.requests.length, second.requests.length, third.requests.length]).toEqual([50, 50, 30]);

    const back = await listJson({ before: String(third.previous) });
    expect(back.requests.map((entry) => entry.reference)).toEqual(second.requests.map((entry) => entry.reference));
    expect([back.previous, back.next]).toEqual([second.requests[0]?.id, second.requests.at(-1)?.id]);

    const html = await (await call('GET', '/staff/opt-outs', { query: { after: String(first.next) } })).text();
    expect(html).toContain(`href="/staff/opt-outs?after=${second.next}"`);
    expect(html).toContain(`href="/staff/opt-outs?before=${second.previous}"`);
    expect(html).toContain('Select all 130 matching');
    expect(html).not.toContain('offset');
  });

  it('filters by who asked, evidence, age in working days and status, in the database', async () => {
    const [self, proxyWithEvidence, proxyWithout, old] = await addRows(session.store, [
      { receivedAt: new Date('2026-12-03T12:00:00Z') },
      { receivedAt: new Date('2026-12-03T12:00:00Z'), route: 'lpa', evidence: true },
      { receivedAt: new Date('2026-12-03T12:00:00Z'), route: 'child' },
      // Friday 27 November: 5 working days before Friday 4 December.
      { receivedAt: new Date('2026-11-27T16:00:00Z'), status: 'contact-confirmed' },
    ]);
    const refs = async (query: Record<string, string>) =>
      (await listJson(query)).requests.map((entry) => entry.reference).sort();
    expect(await refs({ who: 'proxy' })).toEqual([proxyWithEvidence, proxyWithout].sort());
    expect(await refs({ who: 'self' })).toEqual([self, old].sort());
    expect(await refs({ evidence: 'yes' })).toEqual([proxyWithEvidence]);
    expect(await refs({ evidence: 'no', who: 'proxy' })).toEqual([proxyWithout]);
    expect(await refs({ age: '5' })).toEqual([old]);
    expect(await refs({ age: '6' })).toEqual([]);
    expect(await refs({ status: 'contact-confirmed' })).toEqual([old]);
  });

  it('filters by GP practice across keyset pages, in the page links and in a bulk step on all matching', async () => {
    const day = (n: number) => new Date(Date.UTC(2026, 10, 2, 9, 0, n));
    const atPractice = await addRows(
      session.store,
      Array.from({ length: 55 }, (_, n) => ({ receivedAt: day(2 * n), practice: 'A81001' })),
    );
    // Interleaved in time with the practice's, so a page that dropped the filter would show them.
    const elsewhere = await addRows(
      session.store,
      Array.from({ length: 3 }, (_, n) => ({ receivedAt: day(2 * n + 1), practice: 'B82002' })),
    );
    await addRows(session.store, [{ receivedAt: day(3) }, { receivedAt: day(5) }]);

    // Typed in lower case with spaces: read as the code.
    const first = await listJson({ practice: ' a81001 ' });
    expect(first.matching).toBe(55);
    const second = await listJson({ practice: 'A81001', after: String(first.next) });
    expect(second.next).toBeNull();
    expect([...first.requests, ...second.requests].map((entry) => entry.reference)).toEqual(atPractice);
    expect((await listJson({ practice: 'B82002' })).requests.map((entry) => entry.reference)).toEqual(elsewhere);
    expect((await listJson({ practice: 'C83003' })).matching).toBe(0);

    const html = await (await call('GET', '/staff/opt-outs', { query: { practice: 'A81001' } })).text();
    expect(html).toMatch(/<input[^>]*id="practice"[^>]*name="practice"[^>]*value="A81001"/);
    expect(html).toContain(`href="/staff/opt-outs?practice=A81001&amp;after=${first.next}"`);
    expect(html).toContain('<input type="hidden" name="practice" value="A81001"/>');
    expect(html).toContain('Select all 55 matching');
    expect(html).not.toContain(`>${elsewhere[0]}</a>`);

    // "Select all matching" with the practice acts on that practice's requests only.
    const result = await (
      await bulk({ action: 'confirm-contact', allMatching: 'yes', practice: 'B82002', confirmedCount: '3' }, true)
    ).json();
    expect([...result.changed].sort()).toEqual([...elsewhere].sort());
  });

  it('says what to type for a practice code it cannot read, and shows the list unfiltered', async () => {
    const [reference] = await addRows(session.store, [{ receivedAt: new Date('2026-11-30T09:00:00Z') }]);
    const html = await (await call('GET', '/staff/opt-outs', { query: { practice: '81001' } })).text();
    expect(html).toContain('href="#practice">Enter the practice code as a letter and 5 numbers, like A81001');
    expect(html).toContain('value="81001"');
    expect(html).toContain(`>${reference}</a>`);
  });

  it('finds the requests whose apply-by date falls within N working days, counted as the promise is', async () => {
    // Promise: applied within 10 working days of the identity check (settings).
    const [dueToday, dueMonday, later, overdue] = await addRows(session.store, [
      // Checked Friday 20 November: 10 working days on is Friday 4 December.
      { receivedAt: now, status: 'identity-checked', identityCheckedAt: new Date('2026-11-20T15:00:00Z') },
      // Checked Monday 23 November: due Monday 7 December, 1 working day from today.
      { receivedAt: now, status: 'identity-checked', identityCheckedAt: new Date('2026-11-23T09:00:00Z') },
      { receivedAt: now, status: 'identity-checked', identityCheckedAt: new Date('2026-12-01T09:00:00Z') },
      { receivedAt: now, status: 'identity-checked', identityCheckedAt: new Date('2026-11-10T09:00:00Z') },
    ]);
    await addRows(session.store, [{ receivedAt: new Date('2026-11-01T09:00:00Z'), status: 'received' }]);
    const refs = async (breach: string) => (await listJson({ breach })).requests.map((entry) => entry.reference).sort();
    expect(await refs('0')).toEqual([dueToday, overdue].sort());
    expect(await refs('1')).toEqual([dueToday, dueMonday, overdue].sort());
    expect(await refs('30')).toEqual([dueToday, dueMonday, later, overdue].sort());
  });

  it('checks a mix of requests in bulk: the allowed ones change with one audit entry each, the others are listed and left', async () => {
    const references = await addRows(session.store, [
      { receivedAt: new Date('2026-11-30T09:00:00Z'), status: 'contact-confirmed' },
      { receivedAt: new Date('2026-11-30T09:01:00Z'), status: 'received' },
      { receivedAt: new Date('2026-11-30T09:02:00Z'), status: 'contact-confirmed' },
      { receivedAt: new Date('2026-11-30T09:03:00Z'), status: 'applied' },
    ]);
    const [a, notYet, c, done] = references;
    const form = { action: 'check-identity', note: 'CANARYNOTE matched on the platform file', reference: references };

    const confirmPage = await bulk(form);
    const confirmHtml = await confirmPage.text();
    expect(confirmHtml).toContain('Check identity: 4 requests.');
    expect(confirmHtml).toContain('name="confirmedCount" value="4"');
    expect(await session.store.db.select().from(optOutEvents)).toHaveLength(0);

    const resultHtml = await (await bulk({ ...form, confirmedCount: '4' })).text();
    expect(resultHtml).toContain('2 requests changed.');
    expect(resultHtml).toContain(`>${notYet}</a>`);
    expect(resultHtml).toContain(`>${done}</a>`);

    const statuses = await session.store.db
      .select({ reference: optOutRequests.reference, status: optOutRequests.status })
      .from(optOutRequests);
    expect(Object.fromEntries(statuses.map((row) => [row.reference, row.status]))).toEqual({
      [a as string]: 'identity-checked',
      [notYet as string]: 'received',
      [c as string]: 'identity-checked',
      [done as string]: 'applied',
    });
    const audit = await session.store.db
      .select()
      .from(staffAuditLog)
      .where(eq(staffAuditLog.action, 'opt-out.check-identity'));
    expect(audit.map((row) => row.subjectRef).sort()).toEqual([a, c].sort());
    for (const row of audit) {
      expect(row.actorId).toBe(session.staffId);
      expect(row.detail).toEqual({ from: 'contact-confirmed', to: 'identity-checked', bulk: true });
    }
    const events = await session.store.db.select().from(optOutEvents);
    expect(events.map((event) => event.toStatus)).toEqual(['identity-checked', 'identity-checked']);
    const plain = await session.store.db.execute(sql`select note_encrypted from opt_out_events`);
    expect(JSON.stringify(plain)).not.toContain('CANARYNOTE');
  });

  it('acts on all matching requests only at the count confirmed, and refuses a date before arrival per request', async () => {
    const references = await addRows(session.store, [
      { receivedAt: new Date('2026-11-20T09:00:00Z'), status: 'identity-checked', identityCheckedAt: now },
      { receivedAt: new Date('2026-12-02T09:00:00Z'), status: 'identity-checked', identityCheckedAt: now },
      { receivedAt: new Date('2026-11-20T09:00:00Z'), status: 'received' },
    ]);
    const form = { action: 'apply', allMatching: 'yes', status: 'identity-checked', date: '2026-12-01' };
    // Typed in the date boxes instead, the confirmation page shows the date as typed.
    const typed = {
      action: 'apply',
      allMatching: 'yes',
      status: 'identity-checked',
      dateDay: '1',
      dateMonth: '12',
      dateYear: '2026',
    };
    expect(await (await bulk(typed)).text()).toMatch(/Date<\/dt>\s*<dd[^>]*>1 12 2026</);
    const stale = await (await bulk({ ...form, confirmedCount: '5' }, true)).json();
    expect(stale).toEqual({ matching: 2, countChanged: true });
    expect(
      await session.store.db.select().from(staffAuditLog).where(eq(staffAuditLog.action, 'opt-out.apply')),
    ).toHaveLength(0);

    const result = await (await bulk({ ...form, confirmedCount: '2' }, true)).json();
    expect(result).toEqual({
      changed: [references[0]],
      refused: [{ reference: references[1], status: 'identity-checked', reason: 'date-too-early' }],
    });
    const audit = await session.store.db.select().from(staffAuditLog).where(eq(staffAuditLog.action, 'opt-out.apply'));
    expect(audit.map((row) => row.subjectRef)).toEqual([references[0]]);
  });

  it('says which number filter it could not read and what to type, and still shows the list', async () => {
    const [reference] = await addRows(session.store, [{ receivedAt: new Date('2026-11-30T09:00:00Z') }]);
    const html = await (await call('GET', '/staff/opt-outs', { query: { age: 'five', who: 'self' } })).text();
    expect(html).toContain('href="#age">Enter the age as a whole number of working days, like 5');
    expect(html).toContain('value="five"');
    expect(html).not.toContain('href="#breach"');
    expect(html).toContain(`>${reference}</a>`);
  });

  it('without a step or a selection, shows the list again with an error summary linking to each field', async () => {
    await addRows(session.store, [{ receivedAt: new Date('2026-11-30T09:00:00Z') }]);
    const response = await bulk({ csrfToken: 'x' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('href="#action">Select what to do with the selected requests');
    expect(html).toContain('href="#selection">Select at least one request, or select all matching');
    expect(html).toContain('id="selection"');
  });
});

describe('the bulk routes in the route table', () => {
  it('are for information-governance officers only, so the route-table test checks their authorisation', () => {
    for (const path of ['/staff/opt-outs/bulk', '/api/staff/opt-outs/bulk']) {
      const found = staffRoutes.find((r) => r.method === 'POST' && r.path === path);
      expect(found?.access, path).toEqual(['ig']);
    }
  });
});
