import { t } from '../../../i18n/t.ts';
import type { RateLimitDecision } from '../../abuse/rate-limit.ts';
import { createRateLimiter } from '../../abuse/rate-limit.ts';
import type { Services } from '../../services.ts';

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
