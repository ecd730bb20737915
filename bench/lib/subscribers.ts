import postgres from 'postgres';
import { encryptField, type Keyring } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import { emailSubscriptions } from '../../src/server/db/subscriptions-schema.ts';
import { hashToken, newToken } from '../../src/server/opt-out/tokens.ts';
import type { UpdateFeedEntry } from '../../src/server/subscriptions/feed.ts';
import { emailLookupOf } from '../../src/server/subscriptions/lookup.ts';
import { BENCH_KEYS } from './server.ts';

/** The keyring the bench server uses (bench/lib/server.ts), so rows written here are read there. */
export const benchKeyring = (): Keyring => ({
  currentKeyId: 'bench1',
  keys: new Map([['bench1', BENCH_KEYS.encryption]]),
  hmacKey: BENCH_KEYS.hmac,
});

/** The address of bench subscriber n: the SMTP sink counts deliveries by it. */
export const subscriberAddress = (n: number) => `subscriber-${n}@bench.example`;

/** An update published today, on the topic every bench subscriber follows. */
export const benchUpdate = (today: string): UpdateFeedEntry => ({
  slug: 'bench-update',
  title: 'Care homes join the shared care record',
  summary: 'From March, care homes can see the record. You can opt out before it starts.',
  date: today,
  topic: 'newly-shared',
  sendAgain: false,
  hash: 'b'.repeat(64),
});

/**
 * Writes `count` confirmed "as it happens" subscribers to all updates, encrypted as sign-ups are
 * (the address and manage token at field level, found by HMAC), in batches of 2,000 rows.
 */
export async function seedSubscribers(url: string, keyring: Keyring, count: number): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    for (let start = 0; start < count; start += 2000) {
      const rows = Array.from({ length: Math.min(2000, count - start) }, (_, i) => {
        const email = subscriberAddress(start + i);
        const lookup = emailLookupOf(keyring, email);
        const manageToken = newToken();
        return {
          email_lookup: lookup,
          email_encrypted: encryptField(keyring, email, slotOf(emailSubscriptions.emailEncrypted, lookup)),
          topics: ['all'],
          frequency: 'immediate',
          lang: 'en',
          confirmed_at: new Date(),
          manage_token_hash: hashToken(manageToken),
          manage_token_encrypted: encryptField(
            keyring,
            manageToken,
            slotOf(emailSubscriptions.manageTokenEncrypted, lookup),
          ),
        };
      });
      await sql`insert into email_subscriptions ${sql(rows)}`;
    }
  } finally {
    await sql.end();
  }
}
