import { and, asc, eq } from 'drizzle-orm';
import { decryptField, type Keyring } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Database } from '../db/client.ts';
import { consultationTextAnswers } from '../db/consultations-schema.ts';

/** A written answer's text, decrypted in its own slot. */
export const textOf = (keyring: Keyring, row: { textEncrypted: string; slotKey: string }) =>
  decryptField(keyring, row.textEncrypted, slotOf(consultationTextAnswers.textEncrypted, row.slotKey));

/**
 * The written answers a moderator approved (which needs the author's consent first), by question
 * id, oldest first: the quotes on the results page. Nothing else written is ever shown there.
 */
export async function approvedTexts(
  db: Database,
  keyring: Keyring,
  consultation: string,
): Promise<Map<string, string[]>> {
  const rows = await db
    .select()
    .from(consultationTextAnswers)
    .where(and(eq(consultationTextAnswers.consultation, consultation), eq(consultationTextAnswers.state, 'approved')))
    .orderBy(asc(consultationTextAnswers.id));
  const byQuestion = new Map<string, string[]>();
  for (const row of rows)
    byQuestion.set(row.questionId, [...(byQuestion.get(row.questionId) ?? []), textOf(keyring, row)]);
  return byQuestion;
}
