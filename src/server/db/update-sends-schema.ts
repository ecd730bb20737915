import { bigserial, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

/**
 * Every published update the sender has emailed (issue 18): one row per version of an entry, by
 * its slug and content hash. The row is written in the same transaction as the emails it
 * queues, so a republish, a second sender running at once or a crash mid-send never sends one
 * version twice. A new version (an edit) is sent only when the editor ticked "send again".
 * Holds only what is already public on the site, and the weekly digest lists from it.
 */
export const updateSends = pgTable(
  'update_sends',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The entry's file name, as in /updates/<slug>/. */
    slug: text('slug').notNull(),
    /** SHA-256 of the entry's words and topic, as the site build wrote it in the feed. */
    contentHash: text('content_hash').notNull(),
    /** The email topic it went out under; null: only "all updates" subscribers. */
    topic: text('topic'),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** The London date it was sent on: the weekly digest lists a week's sends by it. */
    sentOn: text('sent_on').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    /** How many "as it happens" emails were queued. */
    recipients: integer('recipients').notNull(),
  },
  (table) => [unique('update_sends_version_unique').on(table.slug, table.contentHash)],
);

/** One row per weekly digest sent, by the week's Monday, so a week's digest goes once. */
export const updateDigests = pgTable('update_digests', {
  weekStart: text('week_start').primaryKey(),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  recipients: integer('recipients').notNull(),
});
