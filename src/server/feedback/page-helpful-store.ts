import { and, eq, isNull } from 'drizzle-orm';
import type { PageHelpfulVote } from '../../schemas/forms/feedback-page-helpful.ts';
import { encryptField, type Keyring, lookupHmac } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Database } from '../db/client.ts';
import { pageFeedback } from '../db/feedback-schema.ts';
import { sameDigest } from '../opt-out/tokens.ts';

/**
 * The comment box after a vote must add to that vote, not create a second one, and must not let
 * anyone write comments onto other people's votes by counting ids. So the vote's id travels to the
 * browser with an HMAC beside it ("42.ab12…"), and only a matching pair is accepted.
 */
export function followUpToken(keyring: Keyring, voteId: number): string {
  return `${voteId}.${lookupHmac(keyring, `page-helpful:${voteId}`).slice(0, 32)}`;
}

/** The vote id in a token, or undefined when the token was not issued by us. */
export function readFollowUpToken(keyring: Keyring, token: string): number | undefined {
  const match = /^(\d{1,15})\.([0-9a-f]{32})$/.exec(token);
  if (!match) return undefined;
  const id = Number(match[1]);
  // Constant time: a plain === stops at the first wrong character, so timing would leak the HMAC.
  return sameDigest(match[2] ?? '', followUpToken(keyring, id).slice(-32)) ? id : undefined;
}

/** Saves a yes/no vote once per idempotency key and returns the token for its optional comment. */
export async function savePageVote(
  db: Database,
  keyring: Keyring,
  vote: PageHelpfulVote,
  idempotencyKey: string,
): Promise<{ followUp: string; created: boolean }> {
  const [inserted] = await db
    .insert(pageFeedback)
    .values({ idempotencyKey, path: vote.path, helpful: vote.helpful === 'yes' })
    .onConflictDoNothing({ target: pageFeedback.idempotencyKey })
    .returning({ id: pageFeedback.id });
  if (inserted) return { followUp: followUpToken(keyring, inserted.id), created: true };
  const [first] = await db
    .select({ id: pageFeedback.id })
    .from(pageFeedback)
    .where(eq(pageFeedback.idempotencyKey, idempotencyKey));
  if (!first) throw new Error('A page vote with this idempotency key clashed but could not be read back');
  return { followUp: followUpToken(keyring, first.id), created: false };
}

/**
 * Adds the optional comment to a vote. The first comment wins: a second post of the same form
 * (a double click) changes nothing, nor does one after the retention job deleted the first. Returns false for a token we did not issue.
 */
export async function addPageComment(
  db: Database,
  keyring: Keyring,
  followUp: string,
  comment: string,
): Promise<boolean> {
  const id = readFollowUpToken(keyring, followUp);
  if (id === undefined) return false;
  if (comment === '') return true;
  await db
    .update(pageFeedback)
    .set({
      commentEncrypted: encryptField(keyring, comment, slotOf(pageFeedback.commentEncrypted, id)),
      commentedAt: new Date(),
    })
    .where(and(eq(pageFeedback.id, id), isNull(pageFeedback.commentedAt)));
  return true;
}
