import { and, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import { SUBSCRIPTION_TOPICS, type SubscriptionTopic } from '../../domain/subscriptions.ts';
import type { Language } from '../../i18n/languages.ts';
import type { SubscribeSubmission, SubscriptionChoices } from '../../schemas/forms/subscription.ts';
import { decryptField, encryptField, type Keyring } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Database, Transaction } from '../db/client.ts';
import { outboxMessages } from '../db/schema.ts';
import { type EmailSubscriptionRow, emailSubscriptions } from '../db/subscriptions-schema.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { hashToken, newToken } from '../opt-out/tokens.ts';
import { emailLookupOf } from './lookup.ts';
import { confirmLinkCutoff } from './retention.ts';

export { emailLookupOf } from './lookup.ts';

const manageSlot = (lookup: string) => slotOf(emailSubscriptions.manageTokenEncrypted, lookup);

/** The manage token of a stored row, for a link in a new email. */
export function manageTokenOf(
  keyring: Keyring,
  row: Pick<EmailSubscriptionRow, 'emailLookup' | 'manageTokenEncrypted'>,
) {
  return decryptField(keyring, row.manageTokenEncrypted, manageSlot(row.emailLookup));
}

export type SignUpOutcome = 'confirmation-sent' | 'already-subscribed' | 'repeated';

/**
 * A sign-up and its email, in one transaction: nothing is said to be sent unless both are
 * committed (the contact form's guarantee). Which email goes depends on the address:
 * - new, or never confirmed: the choices are saved and a confirmation link sent (a new link
 *   replaces an older one, and the 7 days start again);
 * - already confirmed: nothing changes, and its owner is told someone asked (the manage link lets
 *   them change their choices), so a stranger cannot change another person's updates.
 * The page shown afterwards is the same in every case, so it never reveals whether an address is
 * on the list. The same idempotency key twice (a double submit) changes nothing the second time.
 */
export async function signUp(
  db: Database,
  keyring: Keyring,
  submission: SubscribeSubmission,
  options: { idempotencyKey: string; lang: Language; now: Date },
): Promise<SignUpOutcome> {
  const lookup = emailLookupOf(keyring, submission.email);
  const dedupeKey = `subscription:${options.idempotencyKey}`;
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await db.transaction(async (tx) => {
      // Locked first, so two sign-ups for one address take turns (see the dedupe check below).
      const [existing] = await tx
        .select()
        .from(emailSubscriptions)
        .where(eq(emailSubscriptions.emailLookup, lookup))
        .for('update');
      const [repeat] = await tx
        .select({ id: outboxMessages.id })
        .from(outboxMessages)
        .where(eq(outboxMessages.dedupeKey, dedupeKey));
      // Checked before a new link is made: making one would break the link already emailed.
      if (repeat) return 'repeated' as const;
      if (existing?.confirmedAt) {
        await enqueueEmail(tx, keyring, {
          dedupeKey,
          to: submission.email,
          template: 'subscription-already',
          params: { manageToken: manageTokenOf(keyring, existing), lang: options.lang },
        });
        return 'already-subscribed' as const;
      }
      const saved = await saveUnconfirmed(tx, keyring, submission, lookup, existing, options);
      if (!saved) return undefined; // another request inserted this address first: try again
      await enqueueEmail(tx, keyring, {
        dedupeKey,
        to: submission.email,
        template: 'subscription-confirm',
        params: { ...saved, lang: options.lang },
      });
      return 'confirmation-sent' as const;
    });
    if (outcome) return outcome;
    if (attempt >= 3) throw new Error('A sign-up kept clashing with another for the same address');
  }
}

/** Writes a new or still-unconfirmed sign-up with a fresh confirmation link; undefined if raced. */
async function saveUnconfirmed(
  tx: Transaction,
  keyring: Keyring,
  submission: SubscribeSubmission,
  lookup: string,
  existing: EmailSubscriptionRow | undefined,
  options: { lang: Language; now: Date },
): Promise<{ confirmToken: string; manageToken: string } | undefined> {
  const confirmToken = newToken();
  const choices = {
    topics: submission.topics,
    frequency: submission.frequency,
    lang: options.lang,
    emailEncrypted: encryptField(keyring, submission.email, slotOf(emailSubscriptions.emailEncrypted, lookup)),
    confirmTokenHash: hashToken(confirmToken),
    createdAt: options.now,
    updatedAt: options.now,
  };
  if (existing) {
    await tx.update(emailSubscriptions).set(choices).where(eq(emailSubscriptions.id, existing.id));
    return { confirmToken, manageToken: manageTokenOf(keyring, existing) };
  }
  const manageToken = newToken();
  const inserted = await tx
    .insert(emailSubscriptions)
    .values({
      ...choices,
      emailLookup: lookup,
      manageTokenHash: hashToken(manageToken),
      manageTokenEncrypted: encryptField(keyring, manageToken, manageSlot(lookup)),
    })
    .onConflictDoNothing({ target: emailSubscriptions.emailLookup })
    .returning({ id: emailSubscriptions.id });
  return inserted.length > 0 ? { confirmToken, manageToken } : undefined;
}

/**
 * Opens a confirmation link: the sign-up starts. Returns the manage token for the page's "change
 * your choices" link, or undefined when the link is unknown, used, or older than 7 days.
 */
export async function confirmSubscription(
  db: Database,
  keyring: Keyring,
  confirmToken: string,
  now: Date,
): Promise<string | undefined> {
  const [row] = await db
    .update(emailSubscriptions)
    .set({ confirmedAt: now, confirmTokenHash: null, updatedAt: now })
    .where(
      and(
        eq(emailSubscriptions.confirmTokenHash, hashToken(confirmToken)),
        isNull(emailSubscriptions.confirmedAt),
        gt(emailSubscriptions.createdAt, confirmLinkCutoff(now)),
      ),
    )
    .returning();
  return row ? manageTokenOf(keyring, row) : undefined;
}

/** The sign-up a manage link belongs to (confirmed or not), or undefined. */
export async function findByManageToken(db: Database, manageToken: string) {
  const [row] = await db
    .select({ topics: emailSubscriptions.topics, frequency: emailSubscriptions.frequency })
    .from(emailSubscriptions)
    .where(eq(emailSubscriptions.manageTokenHash, hashToken(manageToken)));
  return row;
}

/** New topics and frequency from a manage link; false when the link no longer matches anyone. */
export async function changeChoices(
  db: Database,
  manageToken: string,
  choices: SubscriptionChoices,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(emailSubscriptions)
    .set({ topics: choices.topics, frequency: choices.frequency, updatedAt: now })
    .where(eq(emailSubscriptions.manageTokenHash, hashToken(manageToken)))
    .returning({ id: emailSubscriptions.id });
  return rows.length > 0;
}

/**
 * Unsubscribes by deleting the row: the address, choices and tokens all go, because nothing needs
 * keeping about someone who asked to stop. False when there was nothing to delete (a second click).
 */
export async function unsubscribe(db: Database, manageToken: string): Promise<boolean> {
  const rows = await db
    .delete(emailSubscriptions)
    .where(eq(emailSubscriptions.manageTokenHash, hashToken(manageToken)))
    .returning({ id: emailSubscriptions.id });
  return rows.length > 0;
}

/** Confirmed subscribers per topic, for /transparency/ (which suppresses small numbers). */
export async function confirmedCountsByTopic(db: Database): Promise<Record<SubscriptionTopic, number>> {
  const rows = await db
    .select({ topic: sql<string>`unnest(${emailSubscriptions.topics})`, count: sql<number>`count(*)`.mapWith(Number) })
    .from(emailSubscriptions)
    .where(isNotNull(emailSubscriptions.confirmedAt))
    .groupBy(sql`1`);
  const counts = Object.fromEntries(SUBSCRIPTION_TOPICS.map((topic) => [topic, 0])) as Record<
    SubscriptionTopic,
    number
  >;
  for (const row of rows) if (row.topic in counts) counts[row.topic as SubscriptionTopic] = row.count;
  return counts;
}
