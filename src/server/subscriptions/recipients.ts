import { and, asc, eq, gt, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { SubscriptionFrequency } from '../../domain/subscriptions.ts';
import { languageOr } from '../../i18n/languages.ts';
import { decryptField, type Keyring } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Transaction } from '../db/client.ts';
import { outboxMessages } from '../db/schema.ts';
import { emailSubscriptions } from '../db/subscriptions-schema.ts';
import { type OutgoingEmail, outboxRow } from '../mail/outbox.ts';
import type { TemplateName } from '../mail/templates.ts';
import { manageTokenOf } from './store.ts';

/** Subscribers read and emails written this many at a time: memory stays flat at 50,000 subscribers. */
const BATCH = 500;

/** A confirmed subscriber, decrypted just long enough to queue their email. */
export interface Recipient {
  id: number;
  email: string;
  manageToken: string;
  topics: readonly string[];
  lang: ReturnType<typeof languageOr>;
}

/** Subscribers whose topics include one of these (or "all"). */
export const followsAnyOf = (topics: readonly string[]): SQL =>
  sql`${emailSubscriptions.topics} && array[${sql.join(
    ['all', ...topics].map((topic) => sql`${topic}`),
    sql`, `,
  )}]::text[]`;

/**
 * Queues one email per confirmed subscriber with this frequency who matches `where`, inside the
 * caller's transaction, in batches by id. `emailFor` returns the email (or undefined for none);
 * each dedupe key names the send and the subscriber, so a retried transaction queues nothing twice.
 * Returns how many were queued. Unconfirmed sign-ups never get an update (double opt-in).
 */
export async function queueForSubscribers<N extends TemplateName>(
  tx: Transaction,
  keyring: Keyring,
  filter: { frequency: SubscriptionFrequency; where?: SQL | undefined },
  emailFor: (recipient: Recipient) => Omit<OutgoingEmail<N>, 'to'> | undefined,
): Promise<number> {
  let queued = 0;
  let after = 0;
  for (;;) {
    const rows = await tx
      .select()
      .from(emailSubscriptions)
      .where(
        and(
          isNotNull(emailSubscriptions.confirmedAt),
          eq(emailSubscriptions.frequency, filter.frequency),
          gt(emailSubscriptions.id, after),
          filter.where,
        ),
      )
      .orderBy(asc(emailSubscriptions.id))
      .limit(BATCH);
    if (rows.length === 0) return queued;
    after = rows.at(-1)?.id ?? after;
    const values = rows.flatMap((row) => {
      const recipient: Recipient = {
        id: row.id,
        email: decryptField(keyring, row.emailEncrypted, slotOf(emailSubscriptions.emailEncrypted, row.emailLookup)),
        manageToken: manageTokenOf(keyring, row),
        topics: row.topics,
        lang: languageOr(row.lang),
      };
      const email = emailFor(recipient);
      return email ? [outboxRow(keyring, { ...email, to: recipient.email })] : [];
    });
    if (values.length > 0) {
      const inserted = await tx
        .insert(outboxMessages)
        .values(values)
        .onConflictDoNothing({ target: outboxMessages.dedupeKey })
        .returning({ id: outboxMessages.id });
      queued += inserted.length;
    }
    if (rows.length < BATCH) return queued;
  }
}
