import type { Database } from '../db/client.ts';
import type { Services } from '../services.ts';
import { createRateLimiter } from './rate-limit.ts';

/**
 * One rate limiter per database (so per process) for a form's scope, with the environment's
 * limits, so every request of that process shares its counters and reserved global points.
 */
export function limiterPerDatabase(scope: string) {
  const limiters = new WeakMap<Database, ReturnType<typeof createRateLimiter>>();
  return (services: Pick<Services, 'store' | 'keyring' | 'env'>) => {
    let limiter = limiters.get(services.store.db);
    if (!limiter) {
      limiter = createRateLimiter(services.store.db, services.keyring, {
        scope,
        perClientPerHour: services.env.RATE_LIMIT_PER_CLIENT_PER_HOUR,
        globalPerMinute: services.env.RATE_LIMIT_GLOBAL_PER_MINUTE,
      });
      limiters.set(services.store.db, limiter);
    }
    return limiter;
  };
}
