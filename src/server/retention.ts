import { and, eq, inArray, isNotNull, isNull, lt, lte, not, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { addDays, todayInLondon } from '../domain/calendar-date.ts';
import type { SettingsData } from '../schemas/settings.ts';
import { minimiseConsultationAnswers, unpublishedAnswersBefore } from './consultations/retention.ts';
import type { Keyring } from './crypto/field-crypto.ts';
import { rateLimits } from './db/abuse-schema.ts';
import type { Database } from './db/client.ts';
import { feedbackItems, pageFeedback } from './db/feedback-schema.ts';
import { optOutDrafts, optOutEvidence, optOutRequests, optOutTokens } from './db/opt-out-schema.ts';
import { outboxMessages } from './db/schema.ts';
import { feedbackNotes, optOutEvents } from './db/staff-schema.ts';
import { emailSubscriptions } from './db/subscriptions-schema.ts';
import { describeError, log } from './log.ts';
import { recordRetentionRun } from './retention-runs.ts';
import { alertOnForecastBreach } from './staff/forecast-alert.ts';
import { changeNotYetSent } from './staff/opt-outs/export-batches.ts';
import { unconfirmedExpired } from './subscriptions/retention.ts';

/** Expired rate-limit counters are kept this long, then removed (they hold only HMACs and counts). */
const RATE_LIMIT_GRACE_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How often the job runs, in minutes: the local timer (src/server/main.ts) uses it; the Netlify
 * schedule in functions/retention.ts must stay a cron literal, which Netlify reads at deploy, so a
 * test (tests/integration/staff-home.test.ts) checks the two agree.
 */
export const RETENTION_INTERVAL_MINUTES = 15;

/**
 * What a personal column holds once the retention job has deleted its value, where the column
 * cannot be null (migration 0004 keeps patient name, date of birth and address NOT NULL, and the
 * feedback message was always required). Rows carry `personal_data_deleted_at` too; screens check
 * that, or this marker, before decrypting.
 */
export const DELETED_VALUE = '';

export interface RetentionDeps {
  db: Database;
  keyring: Keyring;
  settings: SettingsData;
  now?: () => Date;
}

export interface RetentionCounts {
  drafts: number;
  rateLimits: number;
  /** Closed feedback items whose message and personal details were deleted. */
  feedback: number;
  /** Applied, withdrawn or rejected opt-outs cut down to what proves the choice. */
  optOuts: number;
  /** Sent (or long-dead) emails deleted from the outbox. */
  emails: number;
  /** Email-update sign-ups never confirmed, deleted 7 days after they were made (issue 18). */
  subscriptions: number;
  /** Consultation written answers not approved for publishing, deleted with names and results addresses (issue 18). */
  consultations: number;
  /** Comments on "Was this page helpful?" past their period, deleted; the yes or no answer stays. */
  pageComments: number;
}

export type RetentionKind = keyof RetentionCounts;

/** The kinds in the order the job deletes them (and the staff home lists them). */
export const RETENTION_KINDS: readonly RetentionKind[] = [
  'drafts',
  'rateLimits',
  'feedback',
  'optOuts',
  'emails',
  'subscriptions',
  'consultations',
  'pageComments',
];

/** Every kind at nought: the start of a run's tally, or of the next run's forecast. */
export function noRetentionCounts(): RetentionCounts {
  return {
    drafts: 0,
    rateLimits: 0,
    feedback: 0,
    optOuts: 0,
    emails: 0,
    subscriptions: 0,
    consultations: 0,
    pageComments: 0,
  };
}

/**
 * What each kind of deletion selects when the job runs at `now`: the run deletes (or cuts down)
 * exactly these rows, and the staff home counts them to say what the next run will delete, so
 * the forecast and the job cannot drift apart.
 */
export function retentionScope(
  now: Date,
  periods: SettingsData['retention'],
): Record<RetentionKind, { table: PgTable; where: SQL }> {
  const days = (count: number) => new Date(now.getTime() - count * DAY_MS);
  const today = todayInLondon(now);
  const londonDay = (column: PgColumn) => sql`(${column} at time zone 'Europe/London')::date`;
  const appliedDay = sql`coalesce(${optOutRequests.appliedOn}, ${londonDay(optOutRequests.appliedAt)})`;
  const withdrawnDay = sql`coalesce(${optOutRequests.withdrawalAppliedOn}, ${londonDay(optOutRequests.withdrawnAt)})`;
  const appliedBy = addDays(today, -periods.appliedOptOutDays);
  const endedBy = addDays(today, -periods.endedOptOutDays);
  const applied = sql`${optOutRequests.status} = 'applied' and ${appliedDay} <= ${appliedBy}::date`;
  const withdrawn = sql`${optOutRequests.status} = 'withdrawn' and ${withdrawnDay} <= ${endedBy}::date`;
  const rejected = sql`${optOutRequests.status} = 'rejected' and ${londonDay(optOutRequests.rejectedAt)} <= ${endedBy}::date`;
  const where = (condition: SQL | undefined) => condition ?? sql`false`;
  return {
    drafts: { table: optOutDrafts, where: lt(optOutDrafts.expiresAt, now) },
    rateLimits: { table: rateLimits, where: lt(rateLimits.expire, new Date(now.getTime() - RATE_LIMIT_GRACE_MS)) },
    feedback: {
      table: feedbackItems,
      where: where(
        and(
          eq(feedbackItems.status, 'closed'),
          lte(feedbackItems.closedAt, days(periods.closedFeedbackDays)),
          isNull(feedbackItems.personalDataDeletedAt),
        ),
      ),
    },
    optOuts: {
      table: optOutRequests,
      // Never before the change has gone to the GP systems: the export needs the name and NHS number.
      where: where(
        and(isNull(optOutRequests.personalDataDeletedAt), or(applied, withdrawn, rejected), not(changeNotYetSent())),
      ),
    },
    emails: {
      table: outboxMessages,
      where: where(
        or(
          and(eq(outboxMessages.status, 'sent'), lte(outboxMessages.sentAt, days(periods.sentEmailDays))),
          and(eq(outboxMessages.status, 'dead'), lte(outboxMessages.createdAt, days(periods.sentEmailDays))),
        ),
      ),
    },
    // Double opt-in: an address nobody confirmed was never agreed to by its owner, so it goes.
    subscriptions: { table: emailSubscriptions, where: where(unconfirmedExpired(now)) },
    consultations: unpublishedAnswersBefore(days(periods.consultationAnswerDays)),
    pageComments: {
      table: pageFeedback,
      where: where(
        and(isNotNull(pageFeedback.commentEncrypted), lte(pageFeedback.commentedAt, days(periods.pageCommentDays))),
      ),
    },
  };
}

type Scope = ReturnType<typeof retentionScope>;

/**
 * Closed feedback past its period keeps only type, themes, status and dates (what reports count);
 * the message, topic, name, contact details and staff notes go.
 */
async function minimiseClosedFeedback(db: Database, now: Date, scope: Scope): Promise<number> {
  return db.transaction(async (tx) => {
    const items = await tx
      .update(feedbackItems)
      .set({
        messageEncrypted: DELETED_VALUE,
        topicEncrypted: null,
        nameEncrypted: null,
        emailEncrypted: null,
        phoneEncrypted: null,
        postalAddressEncrypted: null,
        dateOfBirthEncrypted: null,
        postcodeEncrypted: null,
        extensionReasonEncrypted: null,
        personalDataDeletedAt: now,
      })
      .where(scope.feedback.where)
      .returning({ id: feedbackItems.id });
    const ids = items.map((item) => item.id);
    if (ids.length > 0) await tx.delete(feedbackNotes).where(inArray(feedbackNotes.itemId, ids));
    return ids.length;
  });
}

/**
 * Opt-outs that have ended their journey keep only what proves the person's choice to the GP
 * practices and to them: reference, route, status, dates, the NHS number's HMAC (to match a later
 * request) and the status-check HMAC (so they can still check it with reference and date of
 * birth). Names, address, date of birth, contact details, evidence files and the notes on each
 * step go. The clock runs from the day the choice took effect in the clinical systems.
 */
async function minimiseEndedOptOuts(db: Database, now: Date, scope: Scope): Promise<number> {
  return db.transaction(async (tx) => {
    const requests = await tx
      .update(optOutRequests)
      .set({
        patientNameEncrypted: DELETED_VALUE,
        patientDateOfBirthEncrypted: DELETED_VALUE,
        patientAddressEncrypted: DELETED_VALUE,
        patientNhsNumberEncrypted: null,
        applicantEncrypted: null,
        contactEmailEncrypted: null,
        contactPhoneEncrypted: null,
        rejectionReasonEncrypted: null,
        personalDataDeletedAt: now,
      })
      .where(scope.optOuts.where)
      .returning({ id: optOutRequests.id });
    const ids = requests.map((request) => request.id);
    if (ids.length === 0) return 0;
    await tx.delete(optOutEvidence).where(inArray(optOutEvidence.requestId, ids));
    await tx.delete(optOutTokens).where(inArray(optOutTokens.requestId, ids));
    await tx.update(optOutEvents).set({ noteEncrypted: null }).where(inArray(optOutEvents.requestId, ids));
    return ids.length;
  });
}

/**
 * Comments on "Was this page helpful?" past their period are deleted; the yes or no answer, the
 * page and the day stay, so the counts staff see still add up. The comment's time stays, so the
 * vote's token cannot add a second comment later (the first comment wins, even once deleted).
 */
async function deletePageComments(db: Database, scope: Scope): Promise<number> {
  const rows = await db
    .update(pageFeedback)
    .set({ commentEncrypted: null })
    .where(scope.pageComments.where)
    .returning({ id: pageFeedback.id });
  return rows.length;
}

/** Rows deleted outright: drafts, counters, and emails (sent ones did their job, and their recipient and links are personal data; dead ones' links expired long before, after 7 days, so a retry could no longer help). */
async function deleteRows(db: Database, { table, where }: Scope[RetentionKind]): Promise<number> {
  const rows = await db.delete(table).where(where).returning({ deleted: sql`1` });
  return rows.length;
}

/**
 * Deletes what has outlived its purpose, with the periods in content/settings/site.yaml
 * (`retention`): unfinished opt-out drafts, expired rate-limit counters, the personal details of
 * closed feedback and of finished opt-outs, and old emails. Each deletion happens on the day its
 * period ends, not before. Runs on a timer under `npm start` and as a scheduled function on Netlify.
 *
 * Every run is recorded with its counts (retention_runs), a failed one as failed with what the
 * steps before the failure did (each step commits on its own), then the error is thrown on.
 */
export async function runRetention(deps: RetentionDeps): Promise<RetentionCounts> {
  const now = deps.now?.() ?? new Date();
  const scope = retentionScope(now, deps.settings.retention);
  const counts = noRetentionCounts();
  const record = (outcome: 'succeeded' | 'failed') =>
    recordRetentionRun(deps.db, { startedAt: now, finishedAt: deps.now?.() ?? new Date(), outcome, ...counts });
  try {
    counts.drafts = await deleteRows(deps.db, scope.drafts);
    counts.rateLimits = await deleteRows(deps.db, scope.rateLimits);
    counts.feedback = await minimiseClosedFeedback(deps.db, now, scope);
    counts.optOuts = await minimiseEndedOptOuts(deps.db, now, scope);
    counts.emails = await deleteRows(deps.db, scope.emails);
    counts.subscriptions = await deleteRows(deps.db, scope.subscriptions);
    counts.consultations = await minimiseConsultationAnswers(
      deps.db,
      new Date(now.getTime() - deps.settings.retention.consultationAnswerDays * DAY_MS),
    );
    counts.pageComments = await deletePageComments(deps.db, scope);
  } catch (error) {
    await record('failed').catch((recordError: unknown) =>
      log.error('Retention: the failed run could not be recorded', { error: describeError(recordError) }),
    );
    throw new Error('The retention job failed part way', { cause: error });
  }
  await record('succeeded');
  return counts;
}

/**
 * Runs the retention job every `intervalMs` (and once at start). Returns a stop function that
 * resolves once the run in flight has finished, so the database is not closed under it.
 */
export function startRetentionTimer(deps: RetentionDeps, intervalMs: number): () => Promise<void> {
  let inFlight: Promise<void> | undefined;
  const run = () => {
    inFlight ??= runRetention(deps)
      .then((counts) => {
        if (Object.values(counts).some((value) => value > 0))
          log.info('Retention: expired data deleted', { ...counts });
      })
      .catch((error: unknown) => log.error('Retention job failed; will try again', { error: describeError(error) }))
      // The backlog forecast alert rides on this timer, as it does on the Netlify schedule.
      .then(async () => {
        await alertOnForecastBreach(deps);
      })
      .catch((error: unknown) =>
        log.error('Backlog forecast alert failed; will try again', { error: describeError(error) }),
      )
      .finally(() => {
        inFlight = undefined;
      });
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return async () => {
    clearInterval(timer);
    await inFlight;
  };
}
