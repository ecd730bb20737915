import { randomBytes } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { validateForm } from '../../src/forms/validation.ts';
import { feedbackFormSchema } from '../../src/schemas/forms/feedback.ts';
import { decryptField, type Keyring } from '../../src/server/crypto/field-crypto.ts';
import { encryptedColumns, reEncryptAll } from '../../src/server/crypto/rotate.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { feedbackItems } from '../../src/server/db/feedback-schema.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { formatCalendarDate } from '../../src/server/feedback/responses.tsx';
import { saveFeedbackItem } from '../../src/server/feedback/save-item.ts';
import { saveOptOut } from '../../src/server/opt-out/submit.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import { decryptPerson, findOptOutRow } from '../../src/server/staff/opt-outs/requests.ts';
import { legacyV1Value } from '../support/legacy-field-crypto.ts';
import { describeEachStore } from '../support/stores.ts';

/**
 * Rotating the field-encryption key: add a new key in front (FIELD_ENCRYPTION_KEYS="new:…,old:…"),
 * old rows stay readable, new rows use the new key, `npm run keys -- rotate` re-encrypts the rest,
 * and then the old key can be removed.
 */
const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const hmacKey = randomBytes(32);
const before: Keyring = { currentKeyId: 'old', keys: new Map([['old', oldKey]]), hmacKey };
const during: Keyring = {
  currentKeyId: 'new',
  keys: new Map([
    ['new', newKey],
    ['old', oldKey],
  ]),
  hmacKey,
};
const after: Keyring = { currentKeyId: 'new', keys: new Map([['new', newKey]]), hmacKey };

const optOutAnswers = {
  route: 'self' as const,
  applicant: null,
  patient: {
    fullName: 'Rota Canary',
    dateOfBirth: calendarDate('1950-01-02'),
    nhsNumber: null,
    address: { line1: '1 High Street', line2: '', town: 'Ashby', postcode: null },
  },
  contact: { email: 'rota@example.com', phone: null },
};

function feedback(message: string) {
  const result = validateForm(feedbackFormSchema({ today: calendarDate('2026-11-20') }), {
    type: 'question',
    message,
    replyBy: 'email',
    email: 'q@example.com',
    name: 'Quinn',
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

/** Raw query rows: postgres.js returns an array, PGlite an object with `rows`. */
const rowsOf = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

describeEachStore('rotating the field-encryption key', (open) => {
  let store: Store & { dispose(): Promise<void> };
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  const save = async (keyring: Keyring, n: number) => {
    const settings = await readSiteSettings();
    await saveOptOut({ db: store.db, keyring, settings }, optOutAnswers, { idempotencyKey: `o${n}`, evidence: null });
    await saveFeedbackItem(store.db, keyring, feedback(`message ${n}`), {
      idempotencyKey: `f${n}`,
      receivedOn: calendarDate('2026-11-20'),
      targets: { complaintAcknowledgeWorkingDays: 3, questionWorkingDays: 10 },
      formatDate: formatCalendarDate,
    });
  };

  /** Values under each key id, over every *_encrypted column the database has (not the schema's list). */
  async function valuesByKey(): Promise<Record<string, number>> {
    const columns = await store.db.execute(
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public' and column_name like '%\_encrypted'`,
    );
    const rows = rowsOf<{ table_name: string; column_name: string }>(columns);
    const counts: Record<string, number> = {};
    for (const { table_name, column_name } of rows) {
      const result = await store.db.execute(
        sql`select split_part(${sql.identifier(column_name)}, '.', 2) as key_id, count(*)::int as n
            from ${sql.identifier(table_name)} where ${sql.identifier(column_name)} ~ '^v[12]\.' group by 1`,
      );
      for (const row of rowsOf<{ key_id: string; n: number }>(result)) {
        counts[row.key_id] = (counts[row.key_id] ?? 0) + row.n;
      }
    }
    return counts;
  }

  it('keeps old rows readable, writes new rows with the new key, and re-encrypts the rest so the old key can go', async () => {
    await save(before, 1);
    await save(before, 2);
    const [oldRow] = await store.db.select().from(optOutRequests);
    // The new key is added in front: old rows still read, new rows use it.
    expect(oldRow && decryptPerson(during, oldRow)?.name).toBe('Rota Canary');
    await save(during, 3);
    const counts = await valuesByKey();
    expect(counts['old']).toBeGreaterThan(0);
    expect(counts['new']).toBeGreaterThan(0);

    const report = await reEncryptAll(store.db, during, { batchSize: 2 });
    expect(Object.values(report.reEncrypted).reduce((sum, n) => sum + n, 0)).toBe(counts['old']);
    expect(await valuesByKey()).toEqual({ new: (counts['old'] ?? 0) + (counts['new'] ?? 0) });

    // Only the new key is needed now, for every kind of row.
    for (const row of await store.db.select().from(optOutRequests)) {
      expect(decryptPerson(after, row)?.name).toBe('Rota Canary');
    }
    for (const row of await store.db.select().from(feedbackItems)) {
      const slot = slotOf(feedbackItems.messageEncrypted, row.idempotencyKey);
      expect(decryptField(after, row.messageEncrypted, slot)).toMatch(/^message \d$/);
    }
    for (const row of await store.db.select().from(outboxMessages)) {
      const slot = slotOf(outboxMessages.recipientEncrypted, row.dedupeKey);
      expect(decryptField(after, row.recipientEncrypted, slot)).toMatch(/@example\.com$/);
    }
    // Running it again changes nothing.
    const again = await reEncryptAll(store.db, during);
    expect(Object.values(again.reEncrypted).every((n) => n === 0)).toBe(true);
  });

  it('binds values written before rows were bound to their row and column, after which a value moved elsewhere is refused', async () => {
    await save(during, 1);
    await save(during, 2);
    // As a database from before the binding holds them: the key id the only additional data ("v1.").
    for (const row of await store.db.select().from(optOutRequests)) {
      await store.db
        .update(optOutRequests)
        .set({
          patientNameEncrypted: legacyV1Value(during, 'Rota Canary'),
          contactEmailEncrypted: legacyV1Value(during, 'rota@example.com'),
        })
        .where(eq(optOutRequests.id, row.id));
    }
    const [legacy] = await store.db.select().from(optOutRequests);
    expect(legacy && decryptPerson(during, legacy)).toMatchObject({ name: 'Rota Canary', email: 'rota@example.com' });

    // The key has not changed, yet rotation rewrites them in the bound format.
    const report = await reEncryptAll(store.db, during);
    expect(report.reEncrypted['opt_out_requests']).toBe(4);
    const [first, second] = await store.db.select().from(optOutRequests).orderBy(asc(optOutRequests.id));
    if (!first || !second) throw new Error('Two requests expected');
    expect(first.patientNameEncrypted).toMatch(/^v2\.new\./);
    expect(decryptPerson(during, first)).toMatchObject({ name: 'Rota Canary', email: 'rota@example.com' });

    // Someone with write access to the database copies one person's email into another's row…
    await store.db
      .update(optOutRequests)
      .set({ contactEmailEncrypted: first.contactEmailEncrypted })
      .where(eq(optOutRequests.id, second.id));
    const moved = await findOptOutRow(store.db, second.reference);
    expect(() => moved && decryptPerson(during, moved)).toThrow(
      'The stored value in opt_out_requests.contact_email_encrypted failed its integrity check: it was altered, or copied from another row or column',
    );
    // …or a name into the email column of the same row.
    await store.db
      .update(optOutRequests)
      .set({ contactEmailEncrypted: first.patientNameEncrypted })
      .where(eq(optOutRequests.id, first.id));
    const swapped = await findOptOutRow(store.db, first.reference);
    expect(() => swapped && decryptPerson(during, swapped)).toThrow(/opt_out_requests\.contact_email_encrypted/);
  });

  it('covers every encrypted column the database has', async () => {
    const columns = await store.db.execute(
      sql`select table_name || '.' || column_name as name from information_schema.columns
          where table_schema = 'public' and column_name like '%\_encrypted'`,
    );
    const inDatabase = rowsOf<{ name: string }>(columns).map((row) => row.name);
    const covered = encryptedColumns().flatMap(({ name, columns: list }) =>
      list.map((column) => `${name}.${column.name}`),
    );
    expect(inDatabase.length).toBeGreaterThan(10);
    expect(covered.sort()).toEqual(inDatabase.sort());
  });
});
