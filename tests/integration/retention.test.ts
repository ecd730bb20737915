import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { rateLimits } from '../../src/server/db/abuse-schema.ts';
import type { Store } from '../../src/server/db/client.ts';
import { feedbackItems, pageFeedback } from '../../src/server/db/feedback-schema.ts';
import {
  optOutBatchRequests,
  optOutDrafts,
  optOutEvidence,
  optOutExportBatches,
  optOutRequests,
} from '../../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { feedbackNotes, optOutEvents } from '../../src/server/db/staff-schema.ts';
import { addPageComment, savePageVote } from '../../src/server/feedback/page-helpful-store.ts';
import { saveDraft } from '../../src/server/opt-out/drafts.ts';
import { runRetention } from '../../src/server/retention.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import { buildReport } from '../../src/server/staff/reports/report.ts';
import {
  insertEmail,
  insertEvent,
  insertEvidence,
  insertFeedback,
  insertNote,
  insertOptOut,
} from '../support/staff-reports-rows.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

const DAY = 24 * 60 * 60 * 1000;
/** Noon in London on a winter day (GMT), so day arithmetic in the test has no clock change. */
const NOW = new Date('2026-12-15T12:00:00Z');
const daysBefore = (days: number, from = NOW) => new Date(from.getTime() - days * DAY);
const dayBefore = (days: number) => daysBefore(days).toISOString().slice(0, 10);

describeEachStore('the retention job', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  /** Records a request's change as sent to the GP systems, in a batch of its own. */
  async function sent(requestId: number, change: 'objection' | 'withdrawal'): Promise<void> {
    const [batch] = await store.db.insert(optOutExportBatches).values({ createdBy: 1, rowCount: 1 }).returning();
    if (!batch) throw new Error('fixture');
    await store.db.insert(optOutBatchRequests).values({ requestId, batchId: batch.id, change });
  }

  const run = async (now = NOW) =>
    runRetention({ db: store.db, keyring, settings: await readSiteSettings(), now: () => now });

  it('deletes unfinished opt-out drafts once they expire, and keeps the ones still in use', async () => {
    const settings = await readSiteSettings();
    const threeHoursAgo = new Date(Date.now() - 3 * 60 * 60 * 1000);
    await saveDraft(
      { db: store.db, keyring, settings, now: () => threeHoursAgo },
      { fields: { fullName: 'Old Draft' }, proxy: false },
    );
    await saveDraft({ db: store.db, keyring, settings }, { fields: { fullName: 'Current Draft' }, proxy: false });
    await store.db.insert(rateLimits).values([
      { key: 'old', points: 3, expire: new Date(Date.now() - 2 * 60 * 60 * 1000) },
      { key: 'live', points: 1, expire: new Date(Date.now() + 60 * 1000) },
    ]);

    expect(await runRetention({ db: store.db, keyring, settings })).toMatchObject({ drafts: 1, rateLimits: 1 });
    expect(await store.db.select().from(optOutDrafts)).toHaveLength(1);
    expect((await store.db.select().from(rateLimits)).map((row) => row.key)).toEqual(['live']);
  });

  describe('closed feedback (kept 365 days after closing by default)', () => {
    it('keeps the message and notes until the period ends, then deletes them and keeps what reports count', async () => {
      const item = await insertFeedback(store.db, keyring, {
        type: 'complaint',
        status: 'closed',
        themes: ['letters'],
        receivedOn: dayBefore(400),
        acknowledgedAt: daysBefore(399),
        answeredAt: daysBefore(380),
        closedAt: daysBefore(365),
        postcodeEncrypted: 'x',
      });
      await insertNote(store.db, keyring, item.id);
      const answered = await insertFeedback(store.db, keyring, { status: 'answered', receivedOn: dayBefore(900) });

      // One day before the period ends: nothing happens.
      expect((await run(daysBefore(1))).feedback).toBe(0);
      expect(await store.db.select().from(feedbackNotes)).toHaveLength(1);

      expect((await run()).feedback).toBe(1);
      const [after] = await store.db.select().from(feedbackItems).where(eq(feedbackItems.id, item.id));
      expect(after).toMatchObject({
        messageEncrypted: '',
        nameEncrypted: null,
        emailEncrypted: null,
        postcodeEncrypted: null,
        personalDataDeletedAt: NOW,
        type: 'complaint',
        status: 'closed',
        themes: ['letters'],
        receivedOn: dayBefore(400),
      });
      expect(await store.db.select().from(feedbackNotes)).toHaveLength(0);
      // Not closed: kept whatever its age.
      const [untouched] = await store.db.select().from(feedbackItems).where(eq(feedbackItems.id, answered.id));
      expect(untouched?.nameEncrypted).not.toBeNull();
      // Running again changes nothing.
      expect((await run()).feedback).toBe(0);

      const report = await buildReport(store.db, {
        range: { from: calendarDate(dayBefore(410)), to: calendarDate(dayBefore(390)) },
        unit: 'week',
        today: calendarDate(dayBefore(0)),
      });
      expect(report.feedbackByType.find((row) => row.type === 'complaint')?.count).toBe(1);
      expect(report.feedbackByTheme).toEqual([{ theme: 'letters', count: 1 }]);
      expect(report.responseTimes.acknowledge.items).toBe(1);
    });
  });

  describe('opt-outs', () => {
    it('cuts an applied opt-out down to what proves the choice on the 90th day after it was applied, not before', async () => {
      const request = await insertOptOut(store.db, keyring, {
        status: 'applied',
        receivedAt: daysBefore(100),
        appliedAt: daysBefore(92),
        appliedOn: dayBefore(90),
        applicantEncrypted: 'x',
      });
      await sent(request.id, 'objection');
      await insertEvent(store.db, keyring, request.id, 'identity-checked', daysBefore(95));
      await insertEvidence(store.db, keyring, request.id);
      const recent = await insertOptOut(store.db, keyring, { status: 'applied', appliedOn: dayBefore(89) });

      expect((await run(daysBefore(1))).optOuts).toBe(0);
      expect(await store.db.select().from(optOutEvidence)).toHaveLength(1);

      expect((await run()).optOuts).toBe(1);
      const [after] = await store.db.select().from(optOutRequests).where(eq(optOutRequests.id, request.id));
      expect(after).toMatchObject({
        reference: request.reference,
        route: 'self',
        status: 'applied',
        nhsNumberHmac: request.nhsNumberHmac,
        statusLookupHmac: request.statusLookupHmac,
        appliedOn: dayBefore(90),
        patientNameEncrypted: '',
        patientDateOfBirthEncrypted: '',
        patientAddressEncrypted: '',
        patientNhsNumberEncrypted: null,
        applicantEncrypted: null,
        contactEmailEncrypted: null,
        personalDataDeletedAt: NOW,
      });
      expect(await store.db.select().from(optOutEvidence)).toHaveLength(0);
      const events = await store.db.select().from(optOutEvents);
      expect(events.map((event) => [event.toStatus, event.noteEncrypted])).toEqual([['identity-checked', null]]);
      const [kept] = await store.db.select().from(optOutRequests).where(eq(optOutRequests.id, recent.id));
      expect(kept?.personalDataDeletedAt).toBeNull();

      const report = await buildReport(store.db, {
        range: { from: calendarDate(dayBefore(100)), to: calendarDate(dayBefore(0)) },
        unit: 'week',
        today: calendarDate(dayBefore(0)),
      });
      const total = (key: 'received' | 'applied') => report.optOuts.reduce((sum, week) => sum + week[key], 0);
      // Both applied requests still count, the minimised one included.
      expect(total('applied')).toBe(2);
      expect(total('received')).toBe(2);
    });

    it('keeps an applied or withdrawn opt-out whole until its change has gone to the GP systems', async () => {
      const unsent = await insertOptOut(store.db, keyring, { status: 'applied', appliedOn: dayBefore(200) });
      const removalUnsent = await insertOptOut(store.db, keyring, {
        status: 'withdrawn',
        appliedOn: dayBefore(300),
        withdrawalAppliedOn: dayBefore(200),
      });
      await sent(removalUnsent.id, 'objection');
      expect((await run()).optOuts).toBe(0);

      await sent(unsent.id, 'objection');
      await sent(removalUnsent.id, 'withdrawal');
      expect((await run()).optOuts).toBe(2);
    });

    it('does the same for withdrawn and rejected requests once their period ends, and leaves requests in progress', async () => {
      const withdrawn = await insertOptOut(store.db, keyring, {
        status: 'withdrawn',
        withdrawnAt: daysBefore(91),
        withdrawalAppliedOn: dayBefore(90),
      });
      await sent(withdrawn.id, 'withdrawal');
      const rejected = await insertOptOut(store.db, keyring, {
        status: 'rejected',
        rejectedAt: daysBefore(90),
        rejectionReasonEncrypted: 'x',
      });
      const inProgress = await insertOptOut(store.db, keyring, {
        status: 'identity-checked',
        receivedAt: daysBefore(400),
      });

      expect((await run(daysBefore(1))).optOuts).toBe(0);
      expect((await run()).optOuts).toBe(2);
      const rows = await store.db.select().from(optOutRequests);
      const deleted = (id: number) => rows.find((row) => row.id === id)?.personalDataDeletedAt;
      expect(deleted(withdrawn.id)).toEqual(NOW);
      expect(deleted(rejected.id)).toEqual(NOW);
      expect(rows.find((row) => row.id === rejected.id)?.rejectionReasonEncrypted).toBeNull();
      expect(deleted(inProgress.id)).toBeNull();
    });
  });

  it('deletes emails 30 days after they were sent, and dead ones 30 days after they were queued', async () => {
    await insertEmail(store.db, keyring, { dedupeKey: 'a', status: 'sent', sentAt: daysBefore(30) });
    await insertEmail(store.db, keyring, { dedupeKey: 'b', status: 'sent', sentAt: daysBefore(29) });
    await insertEmail(store.db, keyring, { dedupeKey: 'c', status: 'dead', createdAt: daysBefore(30) });
    await insertEmail(store.db, keyring, { dedupeKey: 'd', status: 'pending', createdAt: daysBefore(40) });

    expect((await run(daysBefore(1))).emails).toBe(0);
    expect((await run()).emails).toBe(2);
    const left = await store.db.select({ key: outboxMessages.dedupeKey }).from(outboxMessages);
    expect(left.map((row) => row.key).sort()).toEqual(['b', 'd']);
  });

  it('deletes a comment on "Was this page helpful?" 365 days after it was written, keeps the vote, and takes no second comment', async () => {
    const vote = (key: string) => savePageVote(store.db, keyring, { path: '/faqs/', helpful: 'no' }, key);
    const old = await vote('old');
    const recent = await vote('recent');
    await addPageComment(store.db, keyring, old.followUp, 'I could not find the answer, I am Jane at 1 High Street');
    await addPageComment(store.db, keyring, recent.followUp, 'Too long');
    await store.db
      .update(pageFeedback)
      .set({ commentedAt: daysBefore(365) })
      .where(eq(pageFeedback.idempotencyKey, 'old'));
    await store.db
      .update(pageFeedback)
      .set({ commentedAt: daysBefore(364) })
      .where(eq(pageFeedback.idempotencyKey, 'recent'));

    expect((await run(daysBefore(1))).pageComments).toBe(0);
    expect((await run()).pageComments).toBe(1);
    const rows = await store.db
      .select({
        key: pageFeedback.idempotencyKey,
        helpful: pageFeedback.helpful,
        comment: pageFeedback.commentEncrypted,
      })
      .from(pageFeedback)
      .orderBy(pageFeedback.id);
    expect(rows.map((row) => [row.key, row.helpful, row.comment === null])).toEqual([
      ['old', false, true],
      ['recent', false, false],
    ]);
    // The vote's token took its one comment: it cannot write a new one after the deletion.
    await addPageComment(store.db, keyring, old.followUp, 'A second try');
    const [after] = await store.db
      .select({ comment: pageFeedback.commentEncrypted })
      .from(pageFeedback)
      .where(eq(pageFeedback.idempotencyKey, 'old'));
    expect(after?.comment).toBeNull();
    expect((await run()).pageComments).toBe(0);
  });
});
