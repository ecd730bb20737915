import { eq } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { CalendarDate } from '../../domain/calendar-date.ts';
import { type FeedbackTargets, feedbackDueDates } from '../../domain/feedback-clocks.ts';
import { generateReference, type Reference } from '../../domain/reference.ts';
import type { Language } from '../../i18n/languages.ts';
import type { FeedbackSubmission } from '../../schemas/forms/feedback.ts';
import { encryptField, encryptJson, type Keyring } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Database } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { feedbackItems } from '../db/feedback-schema.ts';
import { outboxRow } from '../mail/outbox.ts';
import { insertItemAtOnce } from './insert-statement.ts';

/** The outcome of saving: the reference to show, and whether this call created the item. */
export interface SavedFeedback {
  reference: Reference;
  /** False when the same submission had already been saved (a double submit). */
  created: boolean;
  /** The dates the clocks run to, for the confirmation page. */
  acknowledgeBy: CalendarDate | null;
  respondBy: CalendarDate | null;
}

/**
 * Saves a contact-form submission and, when an email address was given, its acknowledgement
 * email, in ONE statement (see insert-statement.ts): nothing is acknowledged unless both are committed. A second call with
 * the same idempotency key returns the first item's reference and saves nothing. A clash of
 * references (about 1 in 10^10) is retried with a new one.
 */
export async function saveFeedbackItem(
  db: Database,
  keyring: Keyring,
  submission: FeedbackSubmission,
  options: {
    idempotencyKey: string;
    receivedOn: CalendarDate;
    targets: FeedbackTargets;
    formatDate: (date: CalendarDate) => string;
    /** The contact form's language: the acknowledgement email is written in it. English by default. */
    lang?: Language;
  },
): Promise<SavedFeedback> {
  const due = feedbackDueDates(
    { type: submission.type, replyWanted: submission.reply.by !== 'none' },
    options.receivedOn,
    options.targets,
  );
  // Bound to the idempotency key: the reference is drawn below, after the row is encrypted.
  const slot = (column: PgColumn) => slotOf(column, options.idempotencyKey);
  const encrypt = (column: PgColumn, value: string | null | undefined) =>
    value ? encryptField(keyring, value, slot(column)) : null;
  const row = {
    idempotencyKey: options.idempotencyKey,
    type: submission.type,
    rightsRequest: submission.rightsRequest,
    aboutOwnRecord: submission.aboutOwnRecord,
    receivedOn: options.receivedOn,
    acknowledgeBy: due.acknowledgeBy,
    respondBy: due.respondBy,
    replyBy: submission.reply.by,
    messageEncrypted: encryptField(keyring, submission.message, slot(feedbackItems.messageEncrypted)),
    topicEncrypted: encrypt(feedbackItems.topicEncrypted, submission.topic),
    nameEncrypted: encrypt(feedbackItems.nameEncrypted, submission.name),
    emailEncrypted:
      submission.reply.by === 'email' ? encrypt(feedbackItems.emailEncrypted, submission.reply.email) : null,
    phoneEncrypted:
      submission.reply.by === 'phone' ? encrypt(feedbackItems.phoneEncrypted, submission.reply.phone) : null,
    postalAddressEncrypted:
      submission.reply.by === 'post'
        ? encryptJson(keyring, submission.reply.address, slot(feedbackItems.postalAddressEncrypted))
        : null,
    dateOfBirthEncrypted: encrypt(feedbackItems.dateOfBirthEncrypted, submission.identity?.dateOfBirth),
    postcodeEncrypted: encrypt(feedbackItems.postcodeEncrypted, submission.identity?.postcode),
  };
  for (let attempt = 1; ; attempt += 1) {
    const reference = generateReference();
    try {
      const dueDate = due.acknowledgeBy ?? due.respondBy;
      const acknowledgement =
        submission.reply.by === 'email'
          ? outboxRow(keyring, {
              dedupeKey: `feedback:${reference}:acknowledgement`,
              to: submission.reply.email,
              template: 'feedback-acknowledgement',
              params: {
                reference,
                type: submission.type,
                dueDate: dueDate ? options.formatDate(dueDate) : '',
                lang: options.lang ?? 'en',
              },
            })
          : undefined;
      if (await insertItemAtOnce(db, { ...row, reference }, acknowledgement)) {
        return { reference, created: true, ...due };
      }
      // The same submission was saved before (a double submit): give its reference again.
      const [first] = await db
        .select({
          reference: feedbackItems.reference,
          acknowledgeBy: feedbackItems.acknowledgeBy,
          respondBy: feedbackItems.respondBy,
        })
        .from(feedbackItems)
        .where(eq(feedbackItems.idempotencyKey, options.idempotencyKey));
      if (!first) throw new Error('An item with this idempotency key clashed but could not be read back');
      return {
        reference: first.reference as Reference, // written by this module from generateReference
        created: false,
        acknowledgeBy: first.acknowledgeBy as CalendarDate | null, // a date column holds real dates
        respondBy: first.respondBy as CalendarDate | null,
      };
    } catch (error) {
      // Only a clash on the reference is retried; a clash on the idempotency key is handled above.
      if (attempt < 5 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
