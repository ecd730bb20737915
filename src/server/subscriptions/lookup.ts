import { type Keyring, lookupHmac } from '../crypto/field-crypto.ts';

/**
 * The address's lookup key: the same address typed in any case finds the same row, without the
 * address itself being stored where it can be read. Prefixed, so it never equals another
 * feature's HMAC of the same text. Its own module so the outbox (hard bounces) can use it
 * without importing the store, which imports the outbox.
 */
export const emailLookupOf = (keyring: Keyring, email: string) =>
  lookupHmac(keyring, `subscription-email:${email.trim().toLowerCase()}`);
