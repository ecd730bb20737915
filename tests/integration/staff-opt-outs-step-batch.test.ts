import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { generateReference } from '../../src/domain/reference.ts';
import { decryptField } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { optOutEvents, staffAuditLog } from '../../src/server/db/staff-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { uploadMatchFile } from '../../src/server/staff/opt-outs/match-apply.ts';
import { readMatchFile, readMatchStream } from '../../src/server/staff/opt-outs/match-file.ts';
import { lockForStep, takeStepsWithin } from '../../src/server/staff/opt-outs/step-batch.ts';
import { OptOutStepRefusedError, takeOptOutStep } from '../../src/server/staff/opt-outs/transitions.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addStaff } from './staff-queues-fixtures.ts';

/**
 * Issue 19: one batched step for a single request, the bulk action and the record platform's
 * files, and a match file read as a stream. These pin what the batching must not lose: each row
 * checked against its own allowed steps, one event and one audit entry per request changed,
 * each event's note encrypted for its own row, all in the caller's transaction.
 */

const HEADINGS = 'Reference,NHS number matched,Date of birth matched,Name matched,Postcode matched,Practice code';

describe('the match file read as a stream', () => {
  const refs = Array.from({ length: 30 }, () => generateReference());
  const bytes = new TextEncoder().encode(
    `\uFEFF${[HEADINGS, ...refs.map((r, i) => `${r},Y,${i % 3 ? 'Y' : 'N'},Y,Y,A81001`)].join('\r\n')}\r\n`,
  );

  it('reads a file arriving a byte at a time (the byte-order mark split) as it reads it whole, hash included', async () => {
    const oneByOne = await readMatchStream(
      (async function* () {
        for (let i = 0; i < bytes.length; i += 1) yield bytes.subarray(i, i + 1);
      })(),
    );
    const whole = await readMatchFile(bytes);
    expect(oneByOne).toEqual(whole);
    expect(oneByOne.ok && oneByOne.rows.map((row) => row.reference)).toEqual(refs);
    expect(oneByOne.ok && oneByOne.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('still refuses Windows-1252 when the bad byte comes in a later chunk', async () => {
    const latin = Uint8Array.from([...bytes.subarray(0, 200), 0xe9, 0x0d, 0x0a]);
    const read = await readMatchStream(
      (async function* () {
        yield latin.subarray(0, 100);
        yield latin.subarray(100);
      })(),
    );
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems[0]?.message).toMatch(/UTF-8/);
  });
});

describeEachStore('one batched opt-out step', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let officer: number;
  const now = new Date('2026-11-24T10:00:00Z');

  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
    officer = await addStaff(services, 'Ivy Officer', ['ig']);
  }, 60_000);
  afterEach(async () => store.dispose());

  const deps = () => ({ db: services.store.db, keyring: services.keyring, settings: services.settings });

  /** Requests straight into the table: the step reads only plain columns, never the encrypted ones. */
  async function requests(count: number, status: string): Promise<string[]> {
    const refs = new Set<string>();
    while (refs.size < count) refs.add(generateReference());
    const list = [...refs];
    await services.store.db.execute(sql`insert into opt_out_requests (reference, idempotency_key, route, status,
      status_lookup_hmac, patient_name_encrypted, patient_date_of_birth_encrypted, patient_address_encrypted,
      has_email, received_at)
      select r, 'k' || r, 'self', ${status}, 'h' || r, 'x', 'x', 'x', false, '2026-11-20T09:00:00Z'
      from json_array_elements_text(${JSON.stringify(list)}::json) as r`);
    return list;
  }

  it('checks every row against its own allowed steps: only those open change, each with one event and one audit entry', async () => {
    const ready = await requests(3, 'contact-confirmed');
    const notYet = await requests(2, 'received');
    const result = await services.store.db.transaction(async (tx) => {
      const rows = await lockForStep(tx, undefined);
      return takeStepsWithin(tx, deps(), rows, {
        action: 'check-identity',
        actorId: officer,
        now,
        note: 'Passport seen',
        detail: { bulk: true },
      });
    });
    expect(result.changed.map((row) => row.reference).sort()).toEqual([...ready].sort());
    expect(result.refused.map(({ row, reason }) => [row.reference, reason]).sort()).toEqual(
      notYet.map((reference) => [reference, 'not-allowed-now']).sort(),
    );
    const statuses = await services.store.db
      .select({ reference: optOutRequests.reference, status: optOutRequests.status })
      .from(optOutRequests);
    for (const { reference, status } of statuses)
      expect(status).toBe(ready.includes(reference) ? 'identity-checked' : 'received');

    const events = await services.store.db.select().from(optOutEvents).orderBy(asc(optOutEvents.id));
    expect(events).toHaveLength(3);
    // Each note is bound to its own event: decrypting it for another row's slot would fail.
    for (const event of events)
      expect(
        decryptField(services.keyring, event.noteEncrypted ?? '', slotOf(optOutEvents.noteEncrypted, event.id)),
      ).toBe('Passport seen');
    const audit = await services.store.db
      .select()
      .from(staffAuditLog)
      .where(eq(staffAuditLog.action, 'opt-out.check-identity'));
    expect(audit.map((entry) => entry.subjectRef).sort()).toEqual([...ready].sort());
    expect(audit[0]?.detail).toEqual({ from: 'contact-confirmed', to: 'identity-checked', bulk: true });
  });

  it('writes 2,500 steps in a handful of statements, not several a row (the surge speed fix)', async () => {
    await requests(2_500, 'contact-confirmed');
    let statements = 0;
    const changed = await services.store.db.transaction(async (tx) => {
      const rows = await lockForStep(tx, undefined);
      // Counts every statement the step starts through the transaction it is given.
      const counted = new Proxy(tx, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (['select', 'insert', 'update', 'execute', 'delete'].includes(String(key))) statements += 1;
            return value.apply(target, args);
          };
        },
      });
      const result = await takeStepsWithin(counted, deps(), rows, {
        action: 'check-identity',
        actorId: officer,
        now,
        note: 'Matched',
      });
      return result.changed.length;
    });
    expect(changed).toBe(2_500);
    // 1 to reserve event ids, then per 1,000 rows: the update, the events, the audit entries.
    expect(statements).toBeGreaterThanOrEqual(3 * 3); // the count sees the writes
    expect(statements).toBeLessThanOrEqual(1 + 3 * 3);
  }, 120_000);

  it('refuses a single step dated before the request arrived, as the bulk step does', async () => {
    const [reference = ''] = await requests(1, 'identity-checked');
    const apply = (date: string) =>
      takeOptOutStep(deps(), { reference, action: 'apply', actorId: officer, now, date: calendarDate(date) });
    await expect(apply('2026-11-19')).rejects.toBeInstanceOf(OptOutStepRefusedError);
    await expect(apply('2026-11-20')).resolves.toEqual({ from: 'identity-checked', to: 'applied', emailed: false });
  });

  it('moves a match file of more rows than one statement holds, each audited, in one upload', async () => {
    const refs = await requests(2_500, 'contact-confirmed');
    const text = `${[HEADINGS, ...refs.map((r, i) => `${r},Y,Y,${i === 7 ? 'N' : 'Y'},Y,A81001`)].join('\n')}\n`;
    const outcome = await uploadMatchFile(deps(), [new TextEncoder().encode(text)], { actorId: officer, now });
    expect(outcome).toEqual(expect.objectContaining({ kind: 'applied', checked: 2_499, exceptions: 1 }));
    const [checked] = await services.store.db
      .select({ n: sql<number>`count(*)::int` })
      .from(optOutRequests)
      .where(eq(optOutRequests.status, 'identity-checked'));
    expect(checked?.n).toBe(2_499);
    const [entries] = await services.store.db
      .select({ n: sql<number>`count(distinct subject_ref)::int` })
      .from(staffAuditLog)
      .where(eq(staffAuditLog.action, 'opt-out.check-identity'));
    expect(entries?.n).toBe(2_499);
    const [events] = await services.store.db.select({ n: sql<number>`count(*)::int` }).from(optOutEvents);
    expect(events?.n).toBe(2_499);
  }, 120_000);
});
