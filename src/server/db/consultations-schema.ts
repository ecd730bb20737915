import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { LANGUAGE_CODES } from '../../i18n/languages.ts';

/**
 * Answers to consultations (issue 18 part 2). The consultation itself is content (content/
 * consultations/<slug>.yaml); its address is stored here as `consultation`.
 *
 * One row per person's answers. The choices (options ticked, a number from 1 to 5) are stored as
 * they are: they say nothing about who answered and are what the results count. What people wrote
 * and their name (asked only when a consultation is not anonymous) are encrypted at field level.
 */
export const consultationAnswers = pgTable(
  'consultation_answers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Shown once saved, like the contact form's (8 characters, no look-alikes). */
    reference: text('reference').notNull().unique(),
    /** HMAC of the form's key: a double submit returns the first reference (submission-guards.ts). */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    consultation: text('consultation').notNull(),
    /** Each choice question's answer by question id: the option texts, or "1" to "5". */
    choices: jsonb('choices').$type<Record<string, string[]>>().notNull(),
    /** Only when the consultation asks for a name and one was given; its slot is the idempotency key. */
    nameEncrypted: text('name_encrypted'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('consultation_answers_consultation_idx').on(table.consultation, table.receivedAt)],
);

/** What moderation has decided about a written answer; "private" when the person did not agree to publishing. */
export const TEXT_ANSWER_STATES = ['private', 'pending', 'approved', 'rejected'] as const;
export type TextAnswerState = (typeof TEXT_ANSWER_STATES)[number];

/**
 * Written (free-text) answers, one row per question answered, encrypted. Published only with the
 * person's consent and after a member of staff approved it (the moderation queue, audited).
 */
export const consultationTextAnswers = pgTable(
  'consultation_text_answers',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    answerId: bigint('answer_id', { mode: 'number' })
      .notNull()
      .references(() => consultationAnswers.id, { onDelete: 'cascade' }),
    consultation: text('consultation').notNull(),
    questionId: text('question_id').notNull(),
    /** A random id the text is encrypted against (its slot, crypto/row-identities.ts). */
    slotKey: text('slot_key').notNull().unique(),
    textEncrypted: text('text_encrypted').notNull(),
    state: text('state', { enum: TEXT_ANSWER_STATES }).notNull(),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    moderatedBy: bigint('moderated_by', { mode: 'number' }),
  },
  (table) => [index('consultation_text_answers_state_idx').on(table.consultation, table.state)],
);

/**
 * Email addresses left by people who want to hear about the results, kept apart from the answers
 * (no column links the two), so a list of who asked for results is not a list of who said what.
 * No row is marked sent: an address is deleted once its results email is queued, and
 * consultation_result_sends records the send. The database still has a sent_at column here, never
 * written, kept for code older than migration 0017; it is left out of this definition so this code
 * never names it (Drizzle names every column it knows), and the next release's migration drops it.
 */
export const consultationResultContacts = pgTable(
  'consultation_result_contacts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consultation: text('consultation').notNull(),
    /** A random id the address is encrypted against (its slot): nothing about the person. */
    slotKey: text('slot_key').notNull().unique(),
    emailEncrypted: text('email_encrypted').notNull(),
    /** The day only (not the time), so the row cannot be matched to an answer by when it came. */
    receivedOn: date('received_on').notNull(),
    /**
     * The language of the form the person answered (en, pl, ur): the results email is written in it.
     * English for rows saved before it was kept, and for code one release older, which does not name it.
     */
    language: text('language', { enum: LANGUAGE_CODES }).notNull().default('en'),
  },
  // The site's language codes only, so the sender never meets a code it has no words for. A new
  // language widens this (a drop and re-add of the check, which only widens: allowed in
  // tests/unit/migrations-only-add.test.ts with its reason).
  (table) => [
    check(
      'consultation_result_contacts_language_check',
      sql`${table.language} in (${sql.raw(LANGUAGE_CODES.map((code) => `'${code}'`).join(', '))})`,
    ),
  ],
);

/**
 * The results email, one row per consultation: written in the same transaction as the emails it
 * queued and the deletion of the addresses they went to (src/server/consultations/results-sender.ts).
 * Public facts only: which consultation, when, and how many emails.
 */
export const consultationResultSends = pgTable('consultation_result_sends', {
  consultation: text('consultation').primaryKey(),
  /** The first run that queued results emails for it. */
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  /** How many results emails were queued, in all runs (an address left after the first run goes in a later one). */
  recipients: integer('recipients').notNull(),
});
