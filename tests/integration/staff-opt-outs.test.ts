import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { decryptJson } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { optOutEvidence, optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { optOutEvents } from '../../src/server/db/staff-schema.ts';
import { requestWithdrawal } from '../../src/server/opt-out/status.ts';
import type { Services } from '../../src/server/services.ts';
import { optOutsRoutes } from '../../src/server/staff/opt-outs/routes.ts';
import type { ProtectedRoute } from '../../src/server/staff/route-table.ts';
import { staffContext } from '../support/staff-context.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addOptOut, addStaff, auditActions, dumpTable, optOutFields } from './staff-queues-fixtures.ts';

function route(method: 'GET' | 'POST', path: string) {
  const found = optOutsRoutes.find((r) => r.method === method && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route ${method} ${path}`);
  return (found as ProtectedRoute).handler;
}
const now = new Date('2026-11-25T10:00:00Z');
const noEmail = { ...optOutFields, email: '' };

describeEachStore('the opt-out queue', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let officer: number;
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
    officer = await addStaff(services, 'Iris Governance', ['ig']);
  });
  afterEach(async () => store.dispose());

  const ctx = (options: Parameters<typeof staffContext>[1]) =>
    staffContext(services, { staffId: officer, roles: ['ig'], now, ...options });
  const step = (reference: string, action: string, body: unknown = {}, wantsJson = true, at = now) =>
    route(
      'POST',
      `/staff/opt-outs/:reference/${action}`,
    )(ctx({ method: 'POST', params: { reference }, body, wantsJson, now: at }));
  const row = async (reference: string) =>
    (await store.db.select().from(optOutRequests).where(eq(optOutRequests.reference, reference)))[0];

  it('takes a request from received to applied, one step at a time, with an event and an audit entry for each', async () => {
    const reference = await addOptOut(services, noEmail);
    expect((await step(reference, 'confirm-contact')).status).toBe(200);
    expect((await step(reference, 'check-identity', { note: 'CANARYNOTE matched GP record' })).status).toBe(200);
    const applied = await step(reference, 'apply', { dateDay: '24', dateMonth: '11', dateYear: '2026' });
    expect(await applied.json()).toEqual({ reference, status: 'applied' });
    expect(await row(reference)).toMatchObject({ status: 'applied', appliedOn: '2026-11-24' });

    const events = await store.db.select().from(optOutEvents).orderBy(optOutEvents.id);
    expect(events.map((e) => [e.fromStatus, e.toStatus, e.actorId])).toEqual([
      ['received', 'contact-confirmed', officer],
      ['contact-confirmed', 'identity-checked', officer],
      ['identity-checked', 'applied', officer],
    ]);
    expect(await dumpTable(store.db, 'opt_out_events')).not.toContain('CANARYNOTE');
    expect((await auditActions(store.db)).map((a) => [a.action, a.subjectRef])).toEqual([
      ['opt-out.confirm-contact', reference],
      ['opt-out.check-identity', reference],
      ['opt-out.apply', reference],
    ]);
  });

  it('refuses to skip a step or go back, and changes nothing', async () => {
    const reference = await addOptOut(services, noEmail);
    const skipped = await step(reference, 'apply', { date: '2026-11-24' });
    expect(skipped.status).toBe(409);
    expect((await row(reference))?.status).toBe('received');
    await step(reference, 'confirm-contact');
    expect((await step(reference, 'confirm-contact')).status).toBe(409);
    expect(await store.db.select().from(optOutEvents)).toHaveLength(1);
  });

  it('asks for a note of how identity was checked, and a date not in the future', async () => {
    const reference = await addOptOut(services, noEmail);
    await step(reference, 'confirm-contact');
    const page = await step(reference, 'check-identity', { note: ' ' }, false);
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toContain('Enter how you checked their identity');
    expect(html).toContain('href="#note"');
    await step(reference, 'check-identity', { note: 'Phoned' });
    const future = await step(reference, 'apply', { dateDay: '26', dateMonth: '11', dateYear: '2026' });
    expect(await future.json()).toEqual({ errors: [{ field: 'date', message: 'Date must be today or in the past' }] });
    // Without JavaScript the page comes back with the date boxes as the officer filled them.
    const typed = { dateDay: '26', dateMonth: '11', dateYear: '2026' };
    const kept = await (await step(reference, 'apply', typed, false)).text();
    for (const [name, value] of Object.entries(typed))
      expect(kept).toMatch(new RegExp(`name="${name}"[^>]*value="${value}"`));
    const early = await step(reference, 'apply', { date: '2026-11-01' });
    expect(early.status).toBe(422);
    expect((await row(reference))?.status).toBe('identity-checked');
  });

  it('rejects with a reason kept encrypted, and emails the person through the outbox', async () => {
    const reference = await addOptOut(services);
    const response = await step(reference, 'reject', { reason: 'CANARYREASON the NHS number is not theirs' });
    expect(await response.json()).toEqual({ reference, status: 'rejected', emailed: true });
    expect(await dumpTable(store.db, 'opt_out_requests')).not.toContain('CANARYREASON');
    const [email] = await store.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.dedupeKey, `opt-out:${reference}:rejected`));
    const slot = slotOf(outboxMessages.paramsEncrypted, `opt-out:${reference}:rejected`);
    expect(decryptJson(services.keyring, email?.paramsEncrypted ?? '', slot)).toMatchObject({
      reference,
      reason: 'CANARYREASON the NHS number is not theirs',
    });
  });

  it('says to write to them when a rejected person gave no email address', async () => {
    const reference = await addOptOut(services, noEmail);
    const response = await step(reference, 'reject', { reason: 'Not known at the GP practice' }, false);
    expect(response.headers.get('location')).toBe(`/staff/opt-outs/${reference}?done=reject-letter`);
    const list = await (await route('GET', '/staff/opt-outs')(ctx({ query: { status: 'rejected' } }))).text();
    expect(list).toContain('Write to them');
    expect(
      await store.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'staff-opt-out-rejected')),
    ).toHaveLength(0);
  });

  it('handles a withdrawal asked for without email: staff confirm by phone, then record the objection removed', async () => {
    const reference = await addOptOut(services, noEmail);
    await step(reference, 'confirm-contact');
    await step(reference, 'check-identity', { note: 'Phoned' });
    await step(reference, 'apply', { date: '2026-11-20' });
    const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
    expect(
      await requestWithdrawal(
        { db: store.db, keyring: services.keyring, settings: services.settings, now: () => later(1) },
        { reference: reference as never, dateOfBirth: '1958-09-07' as never },
      ),
    ).toBe('staff-will-call');
    const waiting = await (
      await route('GET', '/api/staff/opt-outs')(ctx({ query: { withdrawal: 'yes' }, wantsJson: true }))
    ).json();
    expect(waiting.requests.map((r: { reference: string }) => r.reference)).toEqual([reference]);
    expect(await (await step(reference, 'confirm-withdrawal', {}, true, later(2))).json()).toEqual({
      reference,
      status: 'withdrawn',
    });
    expect((await step(reference, 'record-withdrawal-applied', { date: '2026-11-19' })).status).toBe(422); // before applied
    await step(reference, 'record-withdrawal-applied', { date: '2026-11-25' }, true, later(3));
    expect(await row(reference)).toMatchObject({ status: 'withdrawn', withdrawalAppliedOn: '2026-11-25' });
    const history = await (
      await route('GET', '/api/staff/opt-outs/:reference')(ctx({ params: { reference }, wantsJson: true }))
    ).json();
    expect(history.history.map((h: { step: string }) => h.step)).toEqual([
      'withdrawal-applied',
      'withdrawn',
      'withdrawal-requested',
      'applied',
      'identity-checked',
      'contact-confirmed',
      'received',
    ]);
    expect(history.actions).toEqual([]);
  });

  it('lists the requests waiting for staff by default, and finished ones on request', async () => {
    const waiting = await addOptOut(services, noEmail);
    const finished = await addOptOut(services, noEmail);
    await step(finished, 'reject', { reason: 'Duplicate of an earlier request' });
    const list = async (query: Record<string, string>) =>
      (await (await route('GET', '/api/staff/opt-outs')(ctx({ query, wantsJson: true }))).json()).requests.map(
        (r: { reference: string }) => r.reference,
      );
    expect(await list({})).toEqual([waiting]);
    expect(await list({ status: 'rejected' })).toEqual([finished]);
    expect((await list({ status: 'all' })).sort()).toEqual([waiting, finished].sort());
    expect(await list({ age: '3' })).toEqual([waiting]); // received Monday 16th, 7 working days ago
    expect(await list({ age: '8' })).toEqual([]);
  });

  it('decrypts a request only on its own screen, and audits the view', async () => {
    const reference = await addOptOut(services);
    const list = await (await route('GET', '/staff/opt-outs')(ctx({}))).text();
    expect(list).toContain(reference);
    expect(list).not.toContain('Canarywood');
    const page = await (await route('GET', '/staff/opt-outs/:reference')(ctx({ params: { reference } }))).text();
    expect(page).toContain('Zebedee Canarywood');
    expect(page).toContain('943 476 5919');
    expect(await auditActions(store.db)).toEqual([
      { action: 'opt-out.view', actorId: officer, subjectRef: reference, detail: {} },
    ]);
  });

  it('streams proxy evidence as a download, never cached, each view audited, only for its own request', async () => {
    const proxy = {
      ...optOutFields,
      who: 'lpa',
      applicantName: 'Perpetua Canarywood',
      applicantRelationship: 'Daughter',
      dateOfBirthYear: '1938',
    };
    const reference = await addOptOut(services, proxy, { evidence: true });
    const other = await addOptOut(services, proxy, { evidence: true });
    const [file] = await store.db
      .select()
      .from(optOutEvidence)
      .where(eq(optOutEvidence.requestId, (await row(reference))?.id ?? 0));
    const evidence = route('GET', '/staff/opt-outs/:reference/evidence/:id');
    const response = await evidence(ctx({ params: { reference, id: String(file?.id) } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="evidence-${reference}-${file?.id}.png"`,
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect([...new Uint8Array(await response.arrayBuffer())].slice(0, 4)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect((await evidence(ctx({ params: { reference: other, id: String(file?.id) } }))).status).toBe(404);
    expect((await auditActions(store.db)).map((a) => [a.action, a.detail])).toEqual([
      ['opt-out.evidence.view', { evidenceId: file?.id }],
    ]);
  });
});
