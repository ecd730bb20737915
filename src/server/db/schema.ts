import { sql } from 'drizzle-orm';
import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The outbox: every email the service promises to send is written here in the same
 * transaction as the request it belongs to, so an acknowledged request always has its email
 * queued, even if the SMTP server is down or the process dies a moment later
 * (nodemailer itself neither retries nor persists).
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Stops the same email being queued twice (e.g. "opt-out:HK3BN7PD:confirmation"). */
    dedupeKey: text('dedupe_key').notNull().unique(),
    /** The recipient's address, encrypted at field level (see src/server/crypto). */
    recipientEncrypted: text('recipient_encrypted').notNull(),
    /** Which template renders the email; the text is built at send time, never stored. */
    template: text('template').notNull(),
    /**
     * Template values as encrypted JSON. Never the person's answers: only references, dates and
     * links — but links carry confirmation tokens, which are as good as a password, so encrypted.
     */
    paramsEncrypted: text('params_encrypted').notNull(),
    /** pending → sending → sent, or dead after the retry window (72 hours) runs out. */
    status: text('status', { enum: ['pending', 'sending', 'sent', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** While "sending", the claim expires here, so a crashed sender's messages are retried. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** The last delivery error, with email addresses removed. */
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    index('outbox_due_idx').on(table.status, table.nextAttemptAt).where(sql`status in ('pending', 'sending')`),
  ],
);

export type OutboxMessage = typeof outboxMessages.$inferSelect;
