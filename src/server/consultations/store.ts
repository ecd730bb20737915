import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { todayInLondon } from '../../domain/calendar-date.ts';
import { generateReference, type Reference } from '../../domain/reference.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../i18n/languages.ts';
import type { ConsultationAnswer } from '../../schemas/forms/consultation-answer.ts';
import { encryptField, type Keyring } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Database } from '../db/client.ts';
import {
  consultationAnswers,
  consultationResultContacts,
  consultationTextAnswers,
} from '../db/consultations-schema.ts';
import { isUniqueViolation } from '../db/errors.ts';

/** The outcome of saving: the reference to show, and whether this call saved the answers. */
export interface SavedAnswer {
  reference: Reference;
  /** False when the same form had already been sent (a double submit): nothing new was saved. */
  created: boolean;
}

/**
 * Saves one person's answers in ONE transaction: the choices, each written answer (encrypted,
 * waiting for moderation only when the person agreed to publishing) and the results contact, if
 * given (encrypted, in its own table with no link to the answers, with the form's language for the
 * results email). The reference is returned only after the commit, so a reference on screen always
 * means the answers are kept. The same idempotency key twice returns the first reference and saves
 * nothing. A clash of references (about 1 in 10^10) is retried with a new one.
 */
export async function saveConsultationAnswer(
  db: Database,
  keyring: Keyring,
  consultation: string,
  answer: ConsultationAnswer,
  options: {
    idempotencyKey: string;
    now: Date;
    /** The language of the form (its hidden `lang` field): the results email is written in it. English by default. */
    lang?: Language;
  },
): Promise<SavedAnswer> {
  const key = options.idempotencyKey;
  const encrypt = (column: Parameters<typeof slotOf>[0], row: string, value: string) =>
    encryptField(keyring, value, slotOf(column, row));
  const texts = Object.entries(answer.texts).map(([questionId, text]) => {
    const slotKey = randomUUID();
    return {
      consultation,
      questionId,
      slotKey,
      textEncrypted: encrypt(consultationTextAnswers.textEncrypted, slotKey, text),
      state: answer.publishConsent ? ('pending' as const) : ('private' as const),
    };
  });
  const contactSlot = randomUUID();
  const contact = answer.email
    ? {
        consultation,
        slotKey: contactSlot,
        emailEncrypted: encrypt(consultationResultContacts.emailEncrypted, contactSlot, answer.email),
        receivedOn: todayInLondon(options.now),
        language: options.lang ?? DEFAULT_LANGUAGE,
      }
    : undefined;
  const row = {
    idempotencyKey: key,
    consultation,
    choices: answer.choices,
    nameEncrypted: answer.name ? encrypt(consultationAnswers.nameEncrypted, key, answer.name) : null,
    receivedAt: options.now,
  };
  for (let attempt = 1; ; attempt += 1) {
    const reference = generateReference();
    try {
      const created = await db.transaction(async (tx) => {
        const [saved] = await tx
          .insert(consultationAnswers)
          .values({ ...row, reference })
          .onConflictDoNothing({ target: consultationAnswers.idempotencyKey })
          .returning({ id: consultationAnswers.id });
        if (!saved) return false;
        if (texts.length > 0)
          await tx.insert(consultationTextAnswers).values(texts.map((text) => ({ ...text, answerId: saved.id })));
        if (contact) await tx.insert(consultationResultContacts).values(contact);
        return true;
      });
      if (created) return { reference, created: true };
      const [first] = await db
        .select({ reference: consultationAnswers.reference })
        .from(consultationAnswers)
        .where(eq(consultationAnswers.idempotencyKey, key));
      if (!first) throw new Error('An answer with this idempotency key clashed but could not be read back');
      return { reference: first.reference as Reference, created: false }; // written here from generateReference
    } catch (error) {
      // Only a clash on the reference is retried; a clash on the idempotency key is handled above.
      if (attempt < 5 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
