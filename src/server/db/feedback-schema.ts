import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { FEEDBACK_STATUSES, FEEDBACK_TYPES, REPLY_METHODS, RIGHTS_REQUEST_KINDS } from '../../domain/feedback.ts';

/**
 * Everything sent through the contact form: questions, concerns, complaints, compliments,
 * suggestions and rights requests. The message and every personal field are encrypted at field
 * level (src/server/crypto); what stays in plain text is what staff sort and count by (type,
 * status, themes, dates), none of which identifies anyone.
 */
export const feedbackItems = pgTable(
  'feedback_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The 8-character reference the person is shown and staff search by. */
    reference: text('reference').notNull().unique(),
    /** HMAC of the form's idempotency key: a double submit finds the first item instead of adding one. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    type: text('type', { enum: FEEDBACK_TYPES }).notNull(),
    /** For a rights request: which right. */
    rightsRequest: text('rights_request', { enum: RIGHTS_REQUEST_KINDS }),
    /** For a complaint: whether it is about the person's own record. */
    aboutOwnRecord: boolean('about_own_record').notNull().default(false),
    status: text('status', { enum: FEEDBACK_STATUSES }).notNull().default('new'),
    /** Tags staff add ("access", "opt-out form", "letters") to see patterns across items. */
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    /** The day it arrived in London: day 0 for working-day clocks, day one for the rights-request month. */
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** Complaints: acknowledge by this date (3 working days). */
    acknowledgeBy: date('acknowledge_by', { mode: 'string' }),
    /** Rights requests, questions and concerns, and replies asked for: answer by this date. */
    respondBy: date('respond_by', { mode: 'string' }),
    /** A rights request extended by 1 or 2 further months (UK GDPR Art. 12(3)) … */
    extensionMonths: integer('extension_months'),
    /** … with the reason the person is told, encrypted because it may describe them. */
    extensionReasonEncrypted: text('extension_reason_encrypted'),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    replyBy: text('reply_by', { enum: REPLY_METHODS }).notNull(),
    messageEncrypted: text('message_encrypted').notNull(),
    topicEncrypted: text('topic_encrypted'),
    nameEncrypted: text('name_encrypted'),
    emailEncrypted: text('email_encrypted'),
    phoneEncrypted: text('phone_encrypted'),
    /** Encrypted JSON: { lines, postcode }. */
    postalAddressEncrypted: text('postal_address_encrypted'),
    dateOfBirthEncrypted: text('date_of_birth_encrypted'),
    postcodeEncrypted: text('postcode_encrypted'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** The member of staff handling it (staff_users.id), if assigned. */
    assignedTo: bigint('assigned_to', { mode: 'number' }),
    /** When the retention job deleted the message and personal fields (counts and dates stay for reports). */
    personalDataDeletedAt: timestamp('personal_data_deleted_at', { withTimezone: true }),
  },
  (table) => [
    index('feedback_items_open_idx').on(table.status, table.respondBy).where(sql`status <> 'closed'`),
    index('feedback_items_received_idx').on(table.receivedOn),
  ],
);

export type FeedbackItemRow = typeof feedbackItems.$inferSelect;

/**
 * "Was this page helpful?" answers. Anonymous: the page path (a site slug, checked against a
 * strict pattern), yes or no, and an optional comment, encrypted because people do type personal
 * details into free text.
 */
export const pageFeedback = pgTable(
  'page_feedback',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    path: text('path').notNull(),
    helpful: boolean('helpful').notNull(),
    commentEncrypted: text('comment_encrypted'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    commentedAt: timestamp('commented_at', { withTimezone: true }),
  },
  (table) => [index('page_feedback_path_idx').on(table.path, table.createdAt)],
);
