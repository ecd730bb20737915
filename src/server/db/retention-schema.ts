import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per run of the retention job (src/server/retention.ts): when it ran, whether it
 * finished, and how many rows of each kind it deleted or cut down. Counts only, never what was
 * deleted: IG officers see it on the staff home page, so the job's work is visible to the people
 * who answer for it rather than only in a server log.
 */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    /** failed: a step threw; the counts are what the steps before it did (each commits on its own). */
    outcome: text('outcome', { enum: ['succeeded', 'failed'] }).notNull(),
    /** Unfinished opt-out forms deleted. */
    drafts: integer('drafts').notNull(),
    /** Expired rate-limit counters deleted. */
    rateLimits: integer('rate_limits').notNull(),
    /** Closed feedback items whose message and personal details were deleted. */
    feedback: integer('feedback').notNull(),
    /** Finished opt-outs cut down to what proves the choice. */
    optOuts: integer('opt_outs').notNull(),
    /** Sent or undelivered emails deleted from the outbox. */
    emails: integer('emails').notNull(),
    /** Email-update sign-ups never confirmed within 7 days, deleted (issue 18). */
    subscriptions: integer('unconfirmed_subscriptions').notNull().default(0),
    /** Consultation written answers not approved for publishing, deleted with the names and results addresses of the same age (issue 18). */
    consultations: integer('consultation_answers').notNull().default(0),
    /** Comments on "Was this page helpful?" deleted once their period ended; the yes or no answers stay. */
    pageComments: integer('page_comments').notNull().default(0),
  },
  (table) => [index('retention_runs_started_idx').on(table.startedAt)],
);

export type RetentionRun = typeof retentionRuns.$inferSelect;
