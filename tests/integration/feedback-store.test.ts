import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { calendarDate, StoredPersonalDateError } from '../../src/domain/calendar-date.ts';
import { validateForm } from '../../src/forms/validation.ts';
import { feedbackFormSchema } from '../../src/schemas/forms/feedback.ts';
import { encryptField } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { feedbackItems, pageFeedback } from '../../src/server/db/feedback-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { addPageComment, savePageVote } from '../../src/server/feedback/page-helpful-store.ts';
import { formatCalendarDate } from '../../src/server/feedback/responses.tsx';
import { saveFeedbackItem } from '../../src/server/feedback/save-item.ts';
import {
  listFeedbackItems,
  readFeedbackItem,
  setFeedbackStatus,
  setFeedbackThemes,
} from '../../src/server/feedback/staff.ts';
import { log } from '../../src/server/log.ts';
import { extendRightsRequest } from '../../src/server/staff/feedback/extension.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

const targets = { complaintAcknowledgeWorkingDays: 3, questionWorkingDays: 10 };
const d = calendarDate;

function submission(fields: Record<string, string>) {
  const result = validateForm(feedbackFormSchema({ today: d('2026-11-20') }), fields);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const canary = {
  type: 'rights-request',
  rightsRequest: 'see',
  message: 'CANARYMESSAGE my GP told me about Zebedee',
  topic: 'CANARYTOPIC',
  replyBy: 'email',
  email: 'canary.person@example.com',
  name: 'Canaria Birdsong',
  dateOfBirthDay: '17',
  dateOfBirthMonth: '8',
  dateOfBirthYear: '1961',
  postcode: 'AW9 1TH',
};

describeEachStore('the feedback store', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  const save = (fields: Record<string, string>, idempotencyKey: string, receivedOn = d('2026-11-20')) =>
    saveFeedbackItem(store.db, keyring, submission(fields), {
      idempotencyKey,
      receivedOn,
      targets,
      formatDate: formatCalendarDate,
    });

  it('keeps no name, message, date of birth, postcode or email in plain text anywhere in the database', async () => {
    const saved = await save(canary, 'canary-key');
    const { followUp } = await savePageVote(store.db, keyring, { path: '/privacy-notice/', helpful: 'no' }, 'vote');
    await addPageComment(store.db, keyring, followUp, 'CANARYCOMMENT from Canaria');
    await extendRightsRequest(
      { db: store.db, keyring },
      {
        reference: saved.reference,
        extension: { months: 2, reason: 'CANARYREASON Canaria' },
        now: new Date('2026-11-25T10:00:00Z'),
      },
    );

    const dump = JSON.stringify([
      await store.db.execute(sql`select * from feedback_items`),
      await store.db.execute(sql`select * from page_feedback`),
      await store.db.execute(sql`select * from outbox_messages`),
    ]);
    expect(dump).toContain(saved.reference);
    for (const secret of [
      'CANARY',
      'Canaria',
      'Birdsong',
      'Zebedee',
      'canary.person',
      'example.com',
      '1961',
      'AW9 1TH',
      'AW91TH',
    ]) {
      expect(dump).not.toContain(secret);
    }
    // …and staff can still read it all back.
    const item = await readFeedbackItem(store.db, keyring, saved.reference, d('2026-11-20'));
    expect(item).toMatchObject({
      message: canary.message,
      name: 'Canaria Birdsong',
      email: 'canary.person@example.com',
      dateOfBirth: '1961-08-17',
      postcode: 'AW9 1TH',
      extensionReason: 'CANARYREASON Canaria',
    });
  });

  it('refuses to show staff a corrupt stored date of birth, and the error does not carry it', async () => {
    const saved = await save(canary, 'corrupt-birth-key');
    const corrupt = encryptField(
      keyring,
      '17/08/1961',
      slotOf(feedbackItems.dateOfBirthEncrypted, 'corrupt-birth-key'),
    );
    await store.db
      .update(feedbackItems)
      .set({ dateOfBirthEncrypted: corrupt })
      .where(eq(feedbackItems.reference, saved.reference));
    const reading = readFeedbackItem(store.db, keyring, saved.reference, d('2026-11-20'));
    await expect(reading).rejects.toThrow(StoredPersonalDateError);
    await expect(reading).rejects.toThrow(/^A stored date of birth is not a YYYY-MM-DD date/);
    await expect(reading).rejects.not.toThrow(/1961/);
  });

  it('saves an item with its acknowledgement email in one go, and a double submit returns the first reference', async () => {
    const fields = {
      type: 'complaint',
      aboutOwnRecord: 'no',
      message: 'x',
      replyBy: 'email',
      email: 'a@example.com',
      name: 'A',
    };
    const first = await save(fields, 'same-key', d('2026-12-24'));
    const second = await save(fields, 'same-key', d('2026-12-24'));
    expect(first).toMatchObject({ created: true, acknowledgeBy: '2026-12-31', respondBy: null });
    expect(second).toEqual({ ...first, created: false });
    expect(await store.db.select().from(feedbackItems)).toHaveLength(1);
    const queued = await store.db.select().from(outboxMessages);
    expect(queued.map((m) => [m.dedupeKey, m.template])).toEqual([
      [`feedback:${first.reference}:acknowledgement`, 'feedback-acknowledgement'],
    ]);
  });

  it('saves many at once in shared statements, each with its own email, and a double submit still once', async () => {
    // The shared statement itself must work: a failed batch falls back to one row at a time and warns.
    const warn = vi.spyOn(log, 'warn');
    // 30 at once: most wait for the first statement and are then written together (group commit).
    const keys = Array.from({ length: 30 }, (_, i) => `many-${i % 24}`); // six keys are sent twice
    const results = await Promise.all(
      keys.map((key, i) =>
        save(
          i % 2 === 0
            ? { type: 'question', message: `m${i}`, replyBy: 'email', email: `p${i}@example.com`, name: 'P' }
            : { type: 'concern', message: `m${i}`, replyBy: 'none' },
          key,
        ),
      ),
    );
    const firstByKey = new Map<string, string>();
    results.forEach((result, i) => {
      const first = firstByKey.get(keys[i] ?? '');
      if (first) expect(result.reference).toBe(first);
      else firstByKey.set(keys[i] ?? '', result.reference);
    });
    const rows = await store.db.select().from(feedbackItems);
    expect(rows).toHaveLength(24);
    const withEmail = rows
      .filter((row) => row.replyBy === 'email')
      .map((row) => `feedback:${row.reference}:acknowledgement`);
    const queued = await store.db.select().from(outboxMessages);
    expect(queued.map((m) => m.dedupeKey).sort()).toEqual(withEmail.sort());
    expect(warn.mock.calls.filter(([message]) => message.startsWith('A shared write failed'))).toEqual([]);
    warn.mockRestore();
  });

  it('queues no email when no email address was given', async () => {
    await save({ type: 'concern', message: 'x', replyBy: 'none' }, 'anon');
    await save({ type: 'question', message: 'x', replyBy: 'phone', phone: '01632 960001', name: 'P' }, 'phone');
    expect(await store.db.select().from(outboxMessages)).toHaveLength(0);
    const rows = await store.db.select().from(feedbackItems);
    expect(rows.map((row) => row.nameEncrypted === null)).toEqual([true, false]);
  });

  it('rolls back the item when its email cannot be queued, so nothing half-saved is acknowledged', async () => {
    await store.db.execute(
      sql`alter table outbox_messages add constraint no_mail check (template <> 'feedback-acknowledgement')`,
    );
    await expect(
      save({ type: 'question', message: 'x', replyBy: 'email', email: 'a@example.com', name: 'A' }, 'k'),
    ).rejects.toThrow();
    expect(await store.db.select().from(feedbackItems)).toHaveLength(0);
  });

  it('gives staff a work list, most urgent first, with due, due today and overdue clocks', async () => {
    const complaint = await save(
      { type: 'complaint', aboutOwnRecord: 'no', message: 'x', replyBy: 'none' },
      'c',
      d('2026-11-23'),
    );
    const rights = await save(canary, 'r', d('2026-11-02'));
    // A concern runs its clock even with no reply wanted (it may need action); a question would not.
    const question = await save({ type: 'concern', message: 'x', replyBy: 'none' }, 'q', d('2026-11-26'));
    await save({ type: 'compliment', message: 'x', replyBy: 'none' }, 'thanks', d('2026-11-26'));

    const list = await listFeedbackItems(store.db, { today: d('2026-11-26') });
    expect(
      list.map((item) => [item.reference, item.clocks.worst?.state ?? null, item.clocks.worst?.text ?? null]),
    ).toEqual([
      [complaint.reference, 'due-today', 'due today'],
      [rights.reference, 'due', 'due in 4 working days'],
      [question.reference, 'due', 'due in 10 working days'],
      [expect.any(String), null, null],
    ]);
    expect(JSON.stringify(list)).not.toContain('Canaria');

    const later = await listFeedbackItems(store.db, { today: d('2026-11-30') });
    expect(later[0]).toMatchObject({ reference: complaint.reference, clocks: { worst: { state: 'overdue' } } });

    await setFeedbackStatus(store.db, complaint.reference, 'acknowledged');
    await setFeedbackThemes(store.db, complaint.reference, ['Reception ', 'reception', 'privacy']);
    const after = await listFeedbackItems(store.db, { today: d('2026-11-30') });
    expect(after.find((item) => item.reference === complaint.reference)).toMatchObject({
      status: 'acknowledged',
      themes: ['reception', 'privacy'],
      clocks: { worst: null },
    });

    await setFeedbackStatus(store.db, question.reference, 'closed');
    expect((await listFeedbackItems(store.db, { today: d('2026-11-30') })).map((i) => i.reference)).not.toContain(
      question.reference,
    );
  });

  it('extends a rights request by two months from the end of the first, with the reason kept encrypted', async () => {
    const saved = await save(canary, 'ext', d('2026-11-02'));
    expect(saved.respondBy).toBe('2026-12-02');
    const extended = await extendRightsRequest(
      { db: store.db, keyring },
      {
        reference: saved.reference,
        extension: { months: 2, reason: 'Complex' },
        now: new Date('2026-11-20T10:00:00Z'),
      },
    );
    expect(extended.respondBy).toBe('2027-02-02');
    const [entry] = await listFeedbackItems(store.db, { today: d('2026-12-03') });
    expect(entry).toMatchObject({ extended: true, respondBy: '2027-02-02', clocks: { worst: { state: 'due' } } });
  });

  it('counts a page vote once per idempotency key and attaches only the first comment, only with a valid token', async () => {
    const vote = { path: '/what-is-the-shared-care-record/', helpful: 'no' } as const;
    const first = await savePageVote(store.db, keyring, vote, 'v1');
    expect(await savePageVote(store.db, keyring, vote, 'v1')).toEqual({ ...first, created: false });
    expect(await addPageComment(store.db, keyring, `${first.followUp.split('.')[0]}.${'0'.repeat(32)}`, 'forged')).toBe(
      false,
    );
    expect(await addPageComment(store.db, keyring, first.followUp, 'first')).toBe(true);
    expect(await addPageComment(store.db, keyring, first.followUp, 'second')).toBe(true);
    const rows = await store.db.select().from(pageFeedback);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.helpful).toBe(false);
    // Bound to the vote's row (format v2: key id, table, column and row in the additional data).
    expect(rows[0]?.commentEncrypted).toMatch(/^v2\./);
  });
});
