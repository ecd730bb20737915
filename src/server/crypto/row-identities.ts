import { getTableName } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  consultationAnswers,
  consultationResultContacts,
  consultationTextAnswers,
} from '../db/consultations-schema.ts';
import { feedbackItems, pageFeedback } from '../db/feedback-schema.ts';
import { optOutDrafts, optOutEvidence, optOutRequests } from '../db/opt-out-schema.ts';
import { outboxMessages } from '../db/schema.ts';
import { feedbackNotes, optOutEvents, staffUsers } from '../db/staff-schema.ts';
import { emailSubscriptions } from '../db/subscriptions-schema.ts';

/**
 * Which column identifies a row in the additional data of its encrypted values. It must be known
 * before the row is inserted (values are encrypted before the statement, and the opt-out group
 * commit sends many rows in one) and never change afterwards:
 * - a reference or key the code makes first: an opt-out's reference (drawn before it is
 *   encrypted), a feedback item's idempotency key (its reference is drawn in the retry loop,
 *   after the row is encrypted), an email's dedupe key, a draft's id (the hash of its token);
 * - otherwise the id, reserved from the table's sequence first (nextId) where the value is
 *   written with the row, or already there where it is written later (a page comment).
 * Kept apart from slots.ts, which every save path imports, because it names every area's tables:
 * a resident's function would define the staff and feedback tables when it loads (issue 13's
 * import target). The key rotation (rotate.ts) reads this table, and refuses a table with encrypted columns
 * that is missing from it.
 */
export const rowIdentities: ReadonlyMap<string, PgColumn> = new Map<string, PgColumn>([
  [getTableName(optOutRequests), optOutRequests.reference],
  [getTableName(optOutDrafts), optOutDrafts.id],
  [getTableName(optOutEvidence), optOutEvidence.id],
  [getTableName(optOutEvents), optOutEvents.id],
  [getTableName(feedbackItems), feedbackItems.idempotencyKey],
  [getTableName(feedbackNotes), feedbackNotes.id],
  [getTableName(pageFeedback), pageFeedback.id],
  [getTableName(outboxMessages), outboxMessages.dedupeKey],
  [getTableName(staffUsers), staffUsers.id],
  // The address's HMAC: known before the insert, and the same for as long as the row lives.
  [getTableName(emailSubscriptions), emailSubscriptions.emailLookup],
  // Consultations: the answer's idempotency key (its reference is drawn in the retry loop), and a
  // random key made before the insert for each written answer and each results contact.
  [getTableName(consultationAnswers), consultationAnswers.idempotencyKey],
  [getTableName(consultationTextAnswers), consultationTextAnswers.slotKey],
  [getTableName(consultationResultContacts), consultationResultContacts.slotKey],
]);
