import { eq } from 'drizzle-orm';
import type { Keyring } from '../crypto/field-crypto.ts';
import type { Database } from '../db/client.ts';
import { emailSubscriptions } from '../db/subscriptions-schema.ts';
import { emailLookupOf } from './lookup.ts';
import { SUBSCRIBER_TEMPLATES } from './update-emails.ts';

/**
 * A hard bounce seen by the SMTP transport (issue 18): the receiving server refused a subscriber
 * email with a permanent 5xx reply while we handed it over. The subscription is deleted, as an
 * unsubscribe is: an address that cannot receive mail must not be mailed again (repeated sends to
 * dead addresses harm the scheme's standing with mail providers), and keeping the address marked
 * "bounced" would keep personal data we no longer use. The person can sign up again.
 * Bounces reported later by email (after the server accepted the message) and complaints are
 * not seen here: see docs/subscriptions.md.
 * Returns whether a subscription was deleted.
 */
export async function stopMailAfterHardBounce(
  db: Database,
  keyring: Keyring,
  failed: { template: string; to: string },
): Promise<boolean> {
  if (!SUBSCRIBER_TEMPLATES.has(failed.template)) return false;
  const rows = await db
    .delete(emailSubscriptions)
    .where(eq(emailSubscriptions.emailLookup, emailLookupOf(keyring, failed.to)))
    .returning({ id: emailSubscriptions.id });
  return rows.length > 0;
}
