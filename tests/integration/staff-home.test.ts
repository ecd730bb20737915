import { readFile } from 'node:fs/promises';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rateLimits } from '../../src/server/db/abuse-schema.ts';
import type { Store } from '../../src/server/db/client.ts';
import { pageFeedback } from '../../src/server/db/feedback-schema.ts';
import { optOutBatchRequests, optOutExportBatches, optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { retentionRuns } from '../../src/server/db/retention-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { addPageComment, savePageVote } from '../../src/server/feedback/page-helpful-store.ts';
import { saveDraft } from '../../src/server/opt-out/drafts.ts';
import { RETENTION_INTERVAL_MINUTES, type RetentionCounts, runRetention } from '../../src/server/retention.ts';
import type { Services } from '../../src/server/services.ts';
import { signUp } from '../../src/server/subscriptions/store.ts';
import { activeStaff, sessionFor, staffRequest } from '../support/staff-auth-fixtures.ts';
import { insertEmail, insertFeedback, insertOptOut } from '../support/staff-reports-rows.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addFeedback, addOptOut, complaint, optOutFields } from './staff-queues-fixtures.ts';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
/** Noon in London in winter (GMT), so London and UTC times read the same. */
const NOW = new Date('2026-12-15T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY);

const KINDS: Record<keyof RetentionCounts, string> = {
  drafts: 'Unfinished opt-out forms',
  rateLimits: 'Expired rate-limit counters',
  feedback: 'Closed feedback: message and personal details',
  optOuts: 'Finished opt-outs: personal details',
  emails: 'Emails sent or not delivered',
  subscriptions: 'Email update sign-ups not confirmed within 7 days',
  consultations: 'Consultation answers (names, unpublished written answers, results addresses)',
  pageComments: 'Comments on "Was this page helpful?"',
};

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, ' ');

/** The deletion job's table on the home page: per kind, [next run will delete, last run deleted]. */
function jobTable(html: string): Record<keyof RetentionCounts, [string, string]> {
  const table = html.slice(html.indexOf('What the deletion job deletes'));
  const cells = (label: string) => {
    const row = table.split('</tr>').find((part) => part.includes(`>${label.replaceAll('"', '&quot;')}</td>`)) ?? '';
    const values = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((match) => match[1] ?? '');
    return [values[1] ?? '', values[2] ?? ''] as [string, string];
  };
  return {
    drafts: cells(KINDS.drafts),
    rateLimits: cells(KINDS.rateLimits),
    feedback: cells(KINDS.feedback),
    optOuts: cells(KINDS.optOuts),
    emails: cells(KINDS.emails),
    subscriptions: cells(KINDS.subscriptions),
    consultations: cells(KINDS.consultations),
    pageComments: cells(KINDS.pageComments),
  };
}

const column = (table: ReturnType<typeof jobTable>, index: 0 | 1) =>
  Object.fromEntries(Object.entries(table).map(([kind, values]) => [kind, values[index]]));
const asText = (counts: RetentionCounts) =>
  Object.fromEntries(Object.entries(counts).map(([kind, value]) => [kind, String(value)]));

/** A staff home that says what needs doing (issue 19, item 6). */
describeEachStore('the staff home page', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
  });
  afterEach(async () => store.dispose());

  const wednesday = new Date('2026-11-25T10:00:00Z');
  const home = async (roles: Parameters<typeof activeStaff>[1], now = wednesday) => {
    const staff = await activeStaff(services, roles, { now });
    const { token } = await sessionFor(services, staff.id, 'active', now);
    return (await staffRequest(services, { method: 'GET', path: '/staff/', token, now })).text();
  };
  /** The row of the "What needs doing" table for a queue, as text. */
  const row = (html: string, queue: string) => {
    const work = html.slice(html.indexOf('What needs doing'));
    return (work.slice(work.indexOf(`>${queue}</a>`)).split('</tr>')[0] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
  };

  it('counts what is due today and overdue in each queue the person works, and emails not delivered', async () => {
    await addFeedback(services, complaint, '2026-11-20'); // acknowledge by 25 Nov: due today
    await addFeedback(services, complaint, '2026-11-16'); // acknowledge by 19 Nov: overdue
    const late = await addOptOut(services, { ...optOutFields, email: '' });
    await store.db
      .update(optOutRequests)
      .set({ status: 'identity-checked', identityCheckedAt: new Date('2026-11-02T10:00:00Z') })
      .where(eq(optOutRequests.reference, late));
    await store.db.update(outboxMessages).set({ status: 'dead' });

    const html = await home(['comms', 'ig']);
    expect(html).toContain('What needs doing');
    expect(row(html, 'Feedback')).toContain('1 due today');
    expect(row(html, 'Feedback')).toContain('1 overdue');
    expect(row(html, 'Opt-outs')).toContain('0 due today');
    expect(row(html, 'Opt-outs')).toContain('1 overdue');
    const dead = (await store.db.select().from(outboxMessages)).length;
    expect(html).toContain(dead === 1 ? '1 email not delivered' : `${dead} emails not delivered`);

    const comms = await home(['comms']);
    expect(comms).not.toContain('>Opt-outs</a>');
    expect(row(comms, 'Feedback')).toContain('1 overdue');
  });

  it('shows IG officers the retention settings the deletion job works to', async () => {
    const ig = (await home(['ig'])).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(ig).toContain('How long we keep personal data');
    expect(ig).toContain('Closed feedback: message and personal details deleted 365 days after closing');
    expect(ig).toContain('Applied opt-outs: personal details deleted 90 days after applying');
    // The sentence once stopped at "90 days after", saying after what to nobody.
    expect(ig).toContain(
      'Withdrawn or rejected opt-outs: personal details deleted 90 days after the withdrawal is applied or the request is rejected',
    );
    expect(ig).toContain('Sent emails: deleted 30 days after sending');
    expect(await home(['comms'])).not.toContain('How long we keep personal data');
  });

  const run = (now: Date) =>
    runRetention({ db: store.db, keyring: services.keyring, settings: services.settings, now: () => now });

  /** Something of every kind the job deletes, each beside one it must keep. */
  async function expiredAndKeptRows() {
    const deps = { db: store.db, keyring: services.keyring, settings: services.settings };
    await saveDraft({ ...deps, now: () => at(-180) }, { fields: { fullName: 'Old Draft' }, proxy: false });
    await saveDraft({ ...deps, now: () => NOW }, { fields: { fullName: 'Current Draft' }, proxy: false });
    await store.db.insert(rateLimits).values([
      { key: 'old', points: 3, expire: at(-120) },
      { key: 'live', points: 1, expire: at(30) },
    ]);
    await insertFeedback(store.db, services.keyring, { status: 'closed', closedAt: daysBefore(366) });
    await insertFeedback(store.db, services.keyring, { status: 'closed', closedAt: daysBefore(300) });
    const [batch] = await store.db.insert(optOutExportBatches).values({ createdBy: 1, rowCount: 1 }).returning();
    const sent = await insertOptOut(store.db, services.keyring, {
      status: 'applied',
      appliedAt: daysBefore(95),
      appliedOn: daysBefore(95).toISOString().slice(0, 10),
    });
    await store.db
      .insert(optOutBatchRequests)
      .values({ requestId: sent.id, batchId: batch?.id ?? 0, change: 'objection' });
    // Applied long ago but never sent to the GP systems: kept whole.
    await insertOptOut(store.db, services.keyring, {
      status: 'applied',
      appliedOn: daysBefore(200).toISOString().slice(0, 10),
    });
    await insertEmail(store.db, services.keyring, { dedupeKey: 'old', status: 'sent', sentAt: daysBefore(31) });
    // Its 30 days end 3 minutes from now: after this page, before the next run.
    await insertEmail(store.db, services.keyring, {
      dedupeKey: 'ends-soon',
      status: 'sent',
      sentAt: new Date(daysBefore(30).getTime() + 3 * MINUTE),
    });
    await insertEmail(store.db, services.keyring, { dedupeKey: 'recent', status: 'sent', sentAt: daysBefore(2) });
    // An email-update sign-up never confirmed: deleted after 7 days, kept before.
    const signUpOn = (days: number, email: string) =>
      signUp(
        store.db,
        services.keyring,
        { email, topics: ['all'], frequency: 'weekly' },
        {
          idempotencyKey: email,
          lang: 'en',
          now: daysBefore(days),
        },
      );
    await signUpOn(8, 'old@example.org');
    await signUpOn(6, 'new@example.org');
    // Comments on "Was this page helpful?": deleted 365 days after they were written.
    for (const [key, days] of [
      ['old-comment', 366],
      ['new-comment', 30],
    ] as const) {
      const vote = await savePageVote(store.db, services.keyring, { path: '/faqs/', helpful: 'no' }, key);
      await addPageComment(store.db, services.keyring, vote.followUp, 'The page did not say who sees my record');
      await store.db
        .update(pageFeedback)
        .set({ commentedAt: daysBefore(days) })
        .where(eq(pageFeedback.idempotencyKey, key));
    }
  }

  describe('the deletion job (issue 19, item 6)', () => {
    it('tells an IG officer when the next run is and what it will delete, and that run deletes exactly that', async () => {
      await run(at(-10)); // the last run, ten minutes ago: the next is due five minutes from now
      await expiredAndKeptRows();

      const before = await home(['ig'], NOW);
      expect(text(before)).toContain(`Next run: about 15 December 2026 at 12:05.`);
      expect(text(before)).toContain('Last run: 15 December 2026 at 11:50. It finished.');
      const forecast = column(jobTable(before), 0);
      expect(forecast).toEqual({
        drafts: '1',
        rateLimits: '1',
        feedback: '1',
        optOuts: '1',
        emails: '2',
        subscriptions: '1',
        consultations: '0',
        pageComments: '1',
      });

      const deleted = await run(at(5));
      expect(asText(deleted)).toEqual(forecast);

      const after = await home(['ig'], at(6));
      expect(text(after)).toContain('Last run: 15 December 2026 at 12:05. It finished.');
      expect(column(jobTable(after), 1)).toEqual(forecast);
      expect(column(jobTable(after), 0)).toEqual({
        drafts: '0',
        rateLimits: '0',
        feedback: '0',
        optOuts: '0',
        emails: '0',
        subscriptions: '0',
        consultations: '0',
        pageComments: '0',
      });
    });

    it('records every run with its counts', async () => {
      await expiredAndKeptRows();
      const counts = await run(NOW);
      const runs = await store.db.select().from(retentionRuns);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ outcome: 'succeeded', startedAt: NOW, ...counts });
    });

    it('records a run that fails part way as failed, with what it did, and the home page says so', async () => {
      await expiredAndKeptRows();
      // A real fault in the third step (closed feedback): the table it works on is gone.
      await store.db.execute(sql`alter table feedback_items rename to feedback_items_moved`);
      await expect(run(NOW)).rejects.toThrow('The retention job failed part way');
      await store.db.execute(sql`alter table feedback_items_moved rename to feedback_items`);

      const [recorded] = await store.db.select().from(retentionRuns);
      expect(recorded).toMatchObject({
        outcome: 'failed',
        drafts: 1,
        rateLimits: 1,
        feedback: 0,
        optOuts: 0,
        emails: 0,
        subscriptions: 0,
        consultations: 0,
        pageComments: 0,
      });

      const page = await home(['ig'], at(1));
      expect(text(page)).toContain('Last run: 15 December 2026 at 12:00. It failed part way.');
      expect(column(jobTable(page), 1)).toEqual({
        drafts: '1',
        rateLimits: '1',
        feedback: '0',
        optOuts: '0',
        emails: '0',
        subscriptions: '0',
        consultations: '0',
        pageComments: '0',
      });
    });

    it('says when the job has never run, and warns when it has stopped running', async () => {
      const never = text(await home(['ig'], NOW));
      expect(never).toContain('The deletion job has not run yet.');
      expect(never).toContain('Next run: due now.');
      expect(never).not.toContain('has not run since');

      await run(at(-31));
      const stopped = text(await home(['ig'], NOW));
      expect(stopped).toContain(
        `The job has not run since 15 December 2026 at 11:29, but it should run every ${RETENTION_INTERVAL_MINUTES} minutes.`,
      );
      expect(stopped).toContain('Next run: due now.');
    });

    it('shows the deletion job only to IG officers, who answer for it', async () => {
      await run(at(-5));
      expect(await home(['ig'], NOW)).toContain('The deletion job');
      for (const roles of [['comms'], ['admin']] as const) {
        const page = await home(roles, NOW);
        expect(page, roles[0]).not.toContain('The deletion job');
        expect(page, roles[0]).not.toContain('What the deletion job deletes');
      }
    });
  });
});

it('the Netlify schedule runs the job as often as the home page says it does', async () => {
  const source = await readFile(new URL('../../functions/retention.ts', import.meta.url), 'utf8');
  expect(source).toContain(`schedule: '*/${RETENTION_INTERVAL_MINUTES} * * * *'`);
});
