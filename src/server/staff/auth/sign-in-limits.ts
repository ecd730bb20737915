import { t } from '../../../i18n/t.ts';
import { countHit } from '../../abuse/client-counter.ts';
import type { RateLimitDecision } from '../../abuse/rate-limit.ts';
import { createRateLimiter } from '../../abuse/rate-limit.ts';
import { lookupHmac } from '../../crypto/field-crypto.ts';
import type { Services } from '../../services.ts';
import { normaliseEmail } from './accounts.ts';

/**
 * Per-address slow-down for sign-in and the code step (ASVS 5.0 V6.3.1), counted in the database
 * by rate-limiter-flexible like the public forms' limits, so it holds across function instances:
 * 30 attempts an hour from one address, 600 a minute from everyone. The address is kept only as
 * an HMAC. Per-account lock-out (lockout.ts) stops slow guessing against one account from many
 * addresses.
 */
const limiters = new WeakMap<Services, ReturnType<typeof createRateLimiter>>();

export function signInLimit(services: Services, ip: string): Promise<RateLimitDecision> {
  let consume = limiters.get(services);
  if (!consume) {
    consume = createRateLimiter(services.store.db, services.keyring, {
      scope: 'staff-sign-in',
      perClientPerHour: Math.max(30, services.env.RATE_LIMIT_PER_CLIENT_PER_HOUR),
      globalPerMinute: 600,
    });
    limiters.set(services, consume);
  }
  return consume(ip);
}

/** What a person over the limit is told: how long to wait, in whole minutes. */
export const tooManyMessage = (retryAfterSeconds: number): string =>
  t('staffAuth.errors.tooMany', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });

/**
 * Attempts one address may make at one account in 15 minutes: 5. Counted by account and address
 * together, so someone guessing at an account from one address is stopped without locking the
 * account for its owner, who signs in from another. The account is named by an HMAC of the
 * email address typed (or, at the code step, of the account id), so an address with no account
 * is slowed down exactly like one with an account: the limit tells nothing about who has one.
 */
export const ATTEMPTS_PER_ACCOUNT_AND_CLIENT = 5;
const ACCOUNT_AND_CLIENT_WINDOW_MS = 15 * 60 * 1000;

export async function accountAndClientLimit(
  services: Services,
  account: { email: string } | { userId: number },
  ip: string,
): Promise<RateLimitDecision> {
  const who = 'email' in account ? `email:${normaliseEmail(account.email)}` : `id:${account.userId}`;
  return windowLimit(services, `staff-sign-in:account-client:${lookupHmac(services.keyring, `${who}|ip:${ip}`)}`);
}

/**
 * Re-entering one's own password (and a code) to change the password or recovery codes: 5 tries
 * in 15 minutes per account, wherever they come from. Someone with a signed-in laptop left open
 * can otherwise guess the password without limit, then make new recovery codes. Each wrong try
 * also counts towards the account's lock-out (lockout.ts).
 */
export const reauthenticationLimit = (services: Services, userId: number): Promise<RateLimitDecision> =>
  windowLimit(services, `staff-reauth:${lookupHmac(services.keyring, `staff-id:${userId}`)}`);

async function windowLimit(services: Services, key: string): Promise<RateLimitDecision> {
  const count = await countHit(services.store.db, key, ACCOUNT_AND_CLIENT_WINDOW_MS);
  if (count.points <= ATTEMPTS_PER_ACCOUNT_AND_CLIENT) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((count.expire.getTime() - Date.now()) / 1000)) };
}
