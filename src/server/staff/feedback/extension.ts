import { eq } from 'drizzle-orm';
import { type CalendarDate, compareDates, parseCalendarDate, todayInLondon } from '../../../domain/calendar-date.ts';
import { type RightsRequestExtension, rightsRequestDue, rightsRequestExtendBy } from '../../../domain/clocks.ts';
import { isReference } from '../../../domain/reference.ts';
import { decryptField, encryptField, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database } from '../../db/client.ts';
import { feedbackItems } from '../../db/feedback-schema.ts';
import { FeedbackItemNotFoundError } from '../../feedback/staff.ts';
import { enqueueEmail } from '../../mail/outbox.ts';

/** Why an extension was refused: already extended once, past the first month, or not a rights request. */
export type ExtensionRefusal = 'already-extended' | 'too-late' | 'not-rights-request';

export class ExtensionRefusedError extends Error {
  override name = 'ExtensionRefusedError';
  readonly reference: string;
  readonly refusal: ExtensionRefusal;
  /** For "too-late": the last day it could have been extended. */
  readonly extendBy: CalendarDate | undefined;
  constructor(reference: string, refusal: ExtensionRefusal, extendBy?: CalendarDate) {
    super(`Rights request ${reference} cannot be extended: ${refusal}`);
    this.reference = reference;
    this.refusal = refusal;
    this.extendBy = extendBy;
  }
}

/**
 * Extends a rights request, under UK GDPR Art. 12(3)
 * (https://www.legislation.gov.uk/eur/2016/679/article/12): by one or two further months, so at
 * most three from receipt, ONCE (a second extension could only shorten the deadline or replace
 * the reason the person was given), and only within the first month, because the person must be
 * told why within that month. In ONE transaction, the row locked: the new date, the reason
 * (encrypted), and the person's email with the reason through the outbox, when they gave an
 * address. Returns the new date and whether they were emailed (if not, staff must write or phone).
 */
export async function extendRightsRequest(
  deps: { db: Database; keyring: Keyring },
  request: { reference: string; extension: RightsRequestExtension; now: Date },
): Promise<{ respondBy: CalendarDate; emailed: boolean }> {
  const { keyring } = deps;
  const { reference, extension, now } = request;
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.select().from(feedbackItems).where(eq(feedbackItems.reference, reference)).for('update');
    if (!row || !isReference(row.reference)) throw new FeedbackItemNotFoundError(reference);
    if (row.type !== 'rights-request') throw new ExtensionRefusedError(reference, 'not-rights-request');
    if (row.extendedAt !== null) throw new ExtensionRefusedError(reference, 'already-extended');
    const received = parseCalendarDate(row.receivedOn);
    if (!received) throw new RangeError(`Feedback item ${reference} has no readable day of receipt`);
    const extendBy = rightsRequestExtendBy(received);
    if (compareDates(todayInLondon(now), extendBy) > 0)
      throw new ExtensionRefusedError(reference, 'too-late', extendBy);

    const respondBy = rightsRequestDue(received, extension);
    await tx
      .update(feedbackItems)
      .set({
        respondBy,
        extensionMonths: extension.months,
        extensionReasonEncrypted: encryptField(
          keyring,
          extension.reason,
          slotOf(feedbackItems.extensionReasonEncrypted, row.idempotencyKey),
        ),
        extendedAt: now,
        updatedAt: now,
      })
      .where(eq(feedbackItems.id, row.id));
    if (row.emailEncrypted) {
      await enqueueEmail(tx, keyring, {
        dedupeKey: `feedback:${reference}:extension`,
        to: decryptField(keyring, row.emailEncrypted, slotOf(feedbackItems.emailEncrypted, row.idempotencyKey)),
        template: 'staff-feedback-extension',
        params: {
          reference: row.reference,
          reason: extension.reason,
          respondBy,
          months: extension.months === 1 ? '1' : '2',
        },
      });
    }
    return { respondBy, emailed: row.emailEncrypted !== null };
  });
}
