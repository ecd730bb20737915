import { sql } from 'drizzle-orm';
import { bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { SUBSCRIPTION_FREQUENCIES } from '../../domain/subscriptions.ts';

/**
 * People who asked for email updates (issue 18). One row per address: the address is encrypted at
 * field level and found by its keyed hash, so a copy of the database gives no addresses and the
 * same address signing up twice changes one row. An unsubscribe deletes the row: nothing is kept
 * about someone who asked to stop.
 */
export const emailSubscriptions = pgTable(
  'email_subscriptions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** HMAC of the address, lower-cased and trimmed: the row's identity for its encrypted values. */
    emailLookup: text('email_lookup').notNull().unique(),
    emailEncrypted: text('email_encrypted').notNull(),
    /** Chosen topics (src/domain/subscriptions.ts); "all" covers every topic. */
    topics: text('topics').array().notNull(),
    frequency: text('frequency', { enum: SUBSCRIPTION_FREQUENCIES }).notNull(),
    /** The language of the form: their emails are written in it. */
    lang: text('lang').notNull().default('en'),
    /** SHA-256 of the link in the confirmation email; cleared once confirmed. */
    confirmTokenHash: text('confirm_token_hash').unique(),
    /** Null until the link in the confirmation email is opened; no update is sent before. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** SHA-256 of the manage and unsubscribe link that every email carries. */
    manageTokenHash: text('manage_token_hash').notNull().unique(),
    /** The same token, encrypted, so each new email can carry the link (only its hash is looked up). */
    manageTokenEncrypted: text('manage_token_encrypted').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('email_subscriptions_unconfirmed_idx').on(table.createdAt).where(sql`confirmed_at is null`)],
);

export type EmailSubscriptionRow = typeof emailSubscriptions.$inferSelect;
