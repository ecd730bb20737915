import { bigint, bigserial, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { optOutRequests } from './opt-out-schema.ts';

/**
 * An IG officer's decision, for a subject-access request made with one opt-out's reference,
 * on another opt-out that carries the same NHS number: include it in the file, or leave it out.
 * Requests are only linked by the number someone typed, so a linked request may be someone
 * else's (a false opt-out filed with a victim's number); nothing from it goes in the file until
 * an officer has opened it and said so. Each decision is audited in the same transaction.
 */
export const subjectAccessDecisions = pgTable(
  'subject_access_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The request whose reference the person gave (the searched request). */
    searchedRequestId: bigint('searched_request_id', { mode: 'number' })
      .notNull()
      .references(() => optOutRequests.id, { onDelete: 'cascade' }),
    /** The other request with the same NHS number lookup value. */
    linkedRequestId: bigint('linked_request_id', { mode: 'number' })
      .notNull()
      .references(() => optOutRequests.id, { onDelete: 'cascade' }),
    /** "include" or "exclude"; a later decision replaces an earlier one (both stay in the audit log). */
    decision: text('decision').notNull(),
    decidedBy: bigint('decided_by', { mode: 'number' }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (table) => [unique('subject_access_decisions_pair_unique').on(table.searchedRequestId, table.linkedRequestId)],
);
