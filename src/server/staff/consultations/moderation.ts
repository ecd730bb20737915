import { and, asc, eq } from 'drizzle-orm';
import { textOf } from '../../consultations/quotes.ts';
import type { Keyring } from '../../crypto/field-crypto.ts';
import type { Database, Transaction } from '../../db/client.ts';
import { consultationTextAnswers } from '../../db/consultations-schema.ts';

/** A written answer waiting for a decision, as the moderator reads it. */
export interface PendingTextAnswer {
  id: number;
  consultation: string;
  questionId: string;
  text: string;
}

/** Most answers on one screen: the oldest first, so none waits for ever. */
const PAGE = 50;

/**
 * Written answers whose authors agreed to publishing and that nobody has decided on yet. Answers
 * without consent never appear here: they are not candidates for publishing at all.
 */
export async function pendingTextAnswers(db: Database, keyring: Keyring): Promise<PendingTextAnswer[]> {
  const rows = await db
    .select()
    .from(consultationTextAnswers)
    .where(eq(consultationTextAnswers.state, 'pending'))
    .orderBy(asc(consultationTextAnswers.id))
    .limit(PAGE);
  return rows.map((row) => ({
    id: row.id,
    consultation: row.consultation,
    questionId: row.questionId,
    text: textOf(keyring, row),
  }));
}

/**
 * Approves or rejects one pending answer. Only a pending answer changes (so two moderators cannot
 * both decide, and an answer without consent can never be approved); undefined when nothing did.
 * Called inside withAudit, so the decision and its audit entry commit together.
 */
export async function decideTextAnswer(
  tx: Transaction,
  id: number,
  decision: 'approved' | 'rejected',
  staffId: number,
  now: Date,
): Promise<{ id: number; consultation: string; decision: 'approved' | 'rejected' } | undefined> {
  const [changed] = await tx
    .update(consultationTextAnswers)
    .set({ state: decision, moderatedAt: now, moderatedBy: staffId })
    .where(and(eq(consultationTextAnswers.id, id), eq(consultationTextAnswers.state, 'pending')))
    .returning({ id: consultationTextAnswers.id, consultation: consultationTextAnswers.consultation });
  return changed ? { ...changed, decision } : undefined;
}
