import { eq } from 'drizzle-orm';
import type { FeedbackStatus } from '../../../domain/feedback.ts';
import { decryptField, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database } from '../../db/client.ts';
import { feedbackItems } from '../../db/feedback-schema.ts';
import { FeedbackItemNotFoundError } from '../../feedback/staff.ts';
import { enqueueEmail } from '../../mail/outbox.ts';
import { addFeedbackNote, listFeedbackNotes } from './notes.ts';

/** Thrown when a reply is asked for on an item with no email address to send it to. */
export class NoEmailAddressError extends Error {
  override name = 'NoEmailAddressError';
  readonly reference: string;
  constructor(reference: string) {
    super(`Feedback item ${reference} has no email address to reply to`);
    this.reference = reference;
  }
}

/**
 * Thrown when a rights request would be answered by email before the officer has recorded how they
 * checked the person and the address. The address on the form is whatever someone typed: a reply
 * about a person's own information sent there could hand it to whoever filed the request in their
 * name (UK GDPR Art. 12(6): reasonable steps to confirm identity before answering).
 */
export class UnverifiedAddressError extends Error {
  override name = 'UnverifiedAddressError';
  readonly reference: string;
  constructor(reference: string) {
    super(`Rights request ${reference}: identity and email address not yet checked`);
    this.reference = reference;
  }
}

/**
 * Sends a reply by email through the outbox and keeps it on the item's history, in ONE
 * transaction: a reply is never on the history without its email queued, nor queued unrecorded.
 * Replying to a new item acknowledges it (it is the acknowledgement); "answered" says it also
 * answers it, which stops the answer clock.
 */
export async function replyToFeedback(
  deps: { db: Database; keyring: Keyring },
  reply: {
    reference: string;
    authorId: number;
    text: string;
    markAnswered: boolean;
    /** For a rights request: how the officer checked the person and the address (needed once). */
    verified?: string | undefined;
    now: Date;
  },
): Promise<{ status: FeedbackStatus; verifiedNow: boolean }> {
  const { db, keyring } = deps;
  const [row] = await db
    .select({
      id: feedbackItems.id,
      type: feedbackItems.type,
      status: feedbackItems.status,
      email: feedbackItems.emailEncrypted,
      idempotencyKey: feedbackItems.idempotencyKey,
      acknowledgedAt: feedbackItems.acknowledgedAt,
    })
    .from(feedbackItems)
    .where(eq(feedbackItems.reference, reply.reference));
  if (!row) throw new FeedbackItemNotFoundError(reply.reference);
  if (!row.email) throw new NoEmailAddressError(reply.reference);
  const to = decryptField(keyring, row.email, slotOf(feedbackItems.emailEncrypted, row.idempotencyKey));
  // A rights request's first email waits for the check to be recorded; it is recorded with it.
  const verifiedNow =
    row.type === 'rights-request' &&
    !(await listFeedbackNotes(db, keyring, row.id)).some((note) => note.kind === 'verification');
  if (verifiedNow && !reply.verified) throw new UnverifiedAddressError(reply.reference);

  const status: FeedbackStatus = reply.markAnswered ? 'answered' : row.status === 'new' ? 'acknowledged' : row.status;
  await db.transaction(async (tx) => {
    if (verifiedNow && reply.verified) {
      await addFeedbackNote(tx, keyring, {
        itemId: row.id,
        authorId: reply.authorId,
        kind: 'verification',
        text: reply.verified,
        at: reply.now,
      });
    }
    const noteId = await addFeedbackNote(tx, keyring, {
      itemId: row.id,
      authorId: reply.authorId,
      kind: 'reply',
      text: reply.text,
      at: reply.now,
    });
    await enqueueEmail(tx, keyring, {
      dedupeKey: `feedback:${reply.reference}:reply:${noteId}`,
      to,
      template: 'staff-feedback-reply',
      params: { reference: reply.reference, reply: reply.text },
    });
    await tx
      .update(feedbackItems)
      .set({
        status,
        updatedAt: reply.now,
        ...(row.acknowledgedAt === null ? { acknowledgedAt: reply.now } : {}),
        ...(status === 'answered' ? { answeredAt: reply.now } : {}),
      })
      .where(eq(feedbackItems.id, row.id));
  });
  return { status, verifiedNow };
}
