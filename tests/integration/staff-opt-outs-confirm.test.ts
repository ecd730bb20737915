import { count, eq, inArray, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { decryptJson } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { optOutEvents, staffAuditLog } from '../../src/server/db/staff-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { dispatchStaff } from '../../src/server/staff/dispatch.ts';
import { applyConfirmFile } from '../../src/server/staff/opt-outs/confirm-apply.ts';
import { readConfirmStream } from '../../src/server/staff/opt-outs/confirm-file.ts';
import { takeOptOutStep } from '../../src/server/staff/opt-outs/transitions.ts';
import { SESSION_COOKIE } from '../../src/server/staff/session.ts';
import { activeStaff, sessionFor } from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addOptOut, optOutFields } from './staff-queues-fixtures.ts';

/**
 * Issue 19, volume item 2: the record platform's confirmation file. Every request it applied
 * moves to applied in ONE transaction, each with its event, its audit entry and the resident's
 * "your opt-out is in place" email in their language; a bad file changes nothing; the same file
 * twice changes nothing the second time. Every upload is a multipart post through the dispatcher.
 */

const HEADINGS = 'Reference,Applied,Date applied,Reason not applied';
const csv = (...lines: string[]) => `${[HEADINGS, ...lines].join('\r\n')}\r\n`;

describeEachStore('the record platform confirmation file', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let officer: { id: number; token: string; csrfToken: string };
  /** Three requests at identity checked (the second in Polish, the third without email), one only received. */
  let refs: string[];
  const now = new Date('2026-12-07T10:00:00Z');

  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
    const account = await activeStaff(services, ['ig']);
    officer = { id: account.id, ...(await sessionFor(services, account.id, 'active', now)) };
    refs = [await checked(), await checked(), await checked({ ...optOutFields, email: '' }), await addOptOut(services)];
    await store.db
      .update(optOutRequests)
      .set({ language: 'pl' })
      .where(eq(optOutRequests.reference, refs[1] ?? ''));
  }, 60_000);
  afterEach(async () => store.dispose());

  async function checked(fields = optOutFields): Promise<string> {
    const reference = await addOptOut(services, fields);
    const deps = { db: services.store.db, keyring: services.keyring, settings: services.settings };
    await takeOptOutStep(deps, { reference, action: 'confirm-contact', actorId: officer.id, now });
    await takeOptOutStep(deps, { reference, action: 'check-identity', actorId: officer.id, now, note: 'Match file' });
    return reference;
  }

  async function upload(file: string | Uint8Array, options: { json?: boolean } = {}) {
    const form = new FormData();
    form.set('csrfToken', officer.csrfToken);
    form.set(
      'confirmationFile',
      new File([typeof file === 'string' ? file : Buffer.from(file)], 'confirm.csv', { type: 'text/csv' }),
    );
    const multipart = new Response(form);
    const headers = new Headers({
      cookie: `${SESSION_COOKIE}=${officer.token}`,
      'content-type': multipart.headers.get('content-type') ?? '',
    });
    const path = options.json ? '/api/staff/opt-outs/confirmation' : '/staff/opt-outs/confirmation';
    const request = new Request(`http://127.0.0.1${path}`, {
      method: 'POST',
      headers,
      body: await multipart.arrayBuffer(),
    });
    return dispatchStaff(request, { services, ip: '192.0.2.10', now: () => now });
  }

  /** Everything an upload could change: statuses and dates, events, audit entries, emails. */
  async function snapshot() {
    const db = services.store.db;
    const requests = await db
      .select({ reference: optOutRequests.reference, status: optOutRequests.status, on: optOutRequests.appliedOn })
      .from(optOutRequests)
      .orderBy(optOutRequests.id);
    const [events] = await db.select({ n: count() }).from(optOutEvents);
    const [audit] = await db.select({ n: count() }).from(staffAuditLog);
    const [mail] = await db.select({ n: count() }).from(outboxMessages);
    return { requests, events: events?.n, audit: audit?.n, mail: mail?.n };
  }

  const ref = (i: number) => refs[i] ?? '';
  const goodFile = () =>
    csv(`${ref(0)},Y,2026-12-04,`, `${ref(1).toLowerCase()},yes,2026-12-07,`, `${ref(2)},N,,Not registered here`);

  it('moves the applied to applied in one step, each audited and emailed in their language', async () => {
    const before = await snapshot();
    const response = await upload(goodFile());
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Confirmation file uploaded: 2 applied, 0 already applied, 1 not applied');
    expect(page).toContain('Not registered here');

    const rows = await services.store.db
      .select({ reference: optOutRequests.reference, status: optOutRequests.status, on: optOutRequests.appliedOn })
      .from(optOutRequests)
      .where(inArray(optOutRequests.reference, refs));
    const byRef = new Map(rows.map((row) => [row.reference, row]));
    expect(byRef.get(ref(0))).toMatchObject({ status: 'applied', on: '2026-12-04' });
    expect(byRef.get(ref(1))).toMatchObject({ status: 'applied', on: '2026-12-07' });
    expect(byRef.get(ref(2))).toMatchObject({ status: 'identity-checked', on: null });

    const after = await snapshot();
    expect(Number(after.events) - Number(before.events)).toBe(2);
    const entries = await services.store.db
      .select()
      .from(staffAuditLog)
      .where(eq(staffAuditLog.action, 'opt-out.apply'));
    expect(entries.map((entry) => entry.subjectRef).sort()).toEqual([ref(0), ref(1)].sort());
    expect(entries.every((entry) => entry.actorId === officer.id)).toBe(true);
    expect(entries[0]?.detail).toMatchObject({ from: 'identity-checked', to: 'applied', confirmationFile: true });
    const [fileEntry] = await services.store.db
      .select()
      .from(staffAuditLog)
      .where(eq(staffAuditLog.action, 'opt-out.confirm-upload'));
    expect(fileEntry?.detail).toEqual({ rows: 3, applied: 2, already: 0, notApplied: 1, emailed: 2 });
    // Reasons may describe the person: shown once, never stored in the audit log.
    expect(JSON.stringify(await services.store.db.select().from(staffAuditLog))).not.toContain('Not registered');

    for (const [reference, lang, appliedOn] of [
      [ref(0), 'en', '2026-12-04'],
      [ref(1), 'pl', '2026-12-07'],
    ] as const) {
      const key = `opt-out:${reference}:applied`;
      const [email] = await services.store.db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, key));
      expect(email?.template).toBe('opt-out-applied');
      expect(
        decryptJson(services.keyring, email?.paramsEncrypted ?? '', slotOf(outboxMessages.paramsEncrypted, key)),
      ).toEqual({
        reference,
        appliedOn,
        lang,
        phone: services.settings.contact.phone,
      });
    }
  });

  it('is linked from the opt-out list and the match-file page', async () => {
    for (const path of ['/staff/opt-outs', '/staff/opt-outs/match']) {
      const request = new Request(`http://127.0.0.1${path}`, {
        headers: { cookie: `${SESSION_COOKIE}=${officer.token}` },
      });
      const page = await (await dispatchStaff(request, { services, ip: '192.0.2.10', now: () => now })).text();
      expect(page, path).toContain('<a href="/staff/opt-outs/confirmation">Upload a confirmation file</a>');
    }
  });

  it('changes nothing when the same file comes again, and says so', async () => {
    await upload(goodFile());
    const before = await snapshot();
    const again = await upload(goodFile());
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Nothing was changed');
    expect(await snapshot()).toEqual(before);
  });

  it('undoes the whole upload when its last write fails: no request applied, no event, no audit entry, no email', async () => {
    // The file's own audit entry is the last write, after every step, event, audit row and email
    // (each now one statement for many rows): a failure there must take all of them back.
    await services.store.db.execute(sql`create function refuse_confirm_audit() returns trigger language plpgsql as $$
      begin
        if new.action = 'opt-out.confirm-upload' then raise exception 'audit write refused by the test'; end if;
        return new;
      end $$`);
    await services.store.db.execute(sql`create trigger refuse_confirm_audit before insert on staff_audit_log
      for each row execute function refuse_confirm_audit()`);
    const before = await snapshot();
    const read = await readConfirmStream([new TextEncoder().encode(goodFile())]);
    if (!read.ok) throw new Error('The test file was refused');
    const deps = { db: services.store.db, keyring: services.keyring, settings: services.settings };
    await expect(applyConfirmFile(deps, read, { actorId: officer.id, now })).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a file with any bad row, naming each line, and changes nothing', async () => {
    const before = await snapshot();
    const response = await upload(
      csv(
        `${ref(0)},Y,2026-12-04,`,
        `${ref(3)},Y,2026-12-04,`,
        'HK3BN7PD,Y,2026-12-04,',
        `${ref(1)},Y,2026-12-08,`,
        `${ref(2)},Y,2026-11-01,`,
      ),
      { json: true },
    );
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.problems).toEqual([
      `Line 3: request ${ref(3)} is received. Only requests with identity checked (or already applied) can be in a confirmation file.`,
      'Line 4: no opt-out request has the reference HK3BN7PD.',
      `Line 5: the date applied 2026-12-08 is in the future or before request ${ref(1)} arrived. Check the date.`,
      `Line 6: the date applied 2026-11-01 is in the future or before request ${ref(2)} arrived. Check the date.`,
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a bad file on the page with an error summary linking to the field', async () => {
    const before = await snapshot();
    const response = await upload(csv(`=${ref(0)},Y,2026-12-04,`));
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('href="#confirmationFile"');
    expect(page).toContain('Line 2: the Reference cell starts with &quot;=&quot;');
    expect(await snapshot()).toEqual(before);
  });

  it('an applied email is sent by a single apply too, the same one', async () => {
    const deps = { db: services.store.db, keyring: services.keyring, settings: services.settings };
    await takeOptOutStep(deps, {
      reference: ref(0),
      action: 'apply',
      actorId: officer.id,
      now,
      date: calendarDate('2026-12-05'),
    });
    const key = `opt-out:${ref(0)}:applied`;
    const [email] = await services.store.db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, key));
    expect(email?.template).toBe('opt-out-applied');
  });
});

describe('who may upload', () => {
  it('is in the route table for IG officers only', async () => {
    const { staffRoutes } = await import('../../src/server/staff/routes.ts');
    const routes = staffRoutes.filter((route) => route.path.endsWith('/opt-outs/confirmation'));
    expect(routes.map((route) => `${route.method} ${route.path}`).sort()).toEqual([
      'GET /staff/opt-outs/confirmation',
      'POST /api/staff/opt-outs/confirmation',
      'POST /staff/opt-outs/confirmation',
    ]);
    for (const route of routes) expect(route.access).toEqual(['ig']);
  });
});
