import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { type Keyring, lookupHmac } from '../crypto/field-crypto.ts';
import { rateLimits } from '../db/abuse-schema.ts';
import type { Database } from '../db/client.ts';
import { countHit } from './client-counter.ts';
import { rateLimitClient } from './client-key.ts';

/** Limits for one kind of submission: per client per hour, and for everyone per minute. */
export interface RateLimitPolicy {
  /** A name for the counters, e.g. "opt-out". */
  scope: string;
  perClientPerHour: number;
  globalPerMinute: number;
}

const HOUR_MS = 60 * 60 * 1000;

/** The most rows a large global counter is spread over (see below). */
export const GLOBAL_SHARDS = 8;

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-client and global limits, counted in the database so they hold across many function
 * instances: per client by a group-committed counter (client-counter.ts), for everyone by
 * rate-limiter-flexible. The per-client key is an HMAC of the IP address: limits work
 * without storing anyone's IP. A flood from many addresses still meets the global limit.
 */
export function createRateLimiter(db: Database, keyring: Keyring, policy: RateLimitPolicy) {
  // clearExpiredByTimeout would leave a timer running in every serverless instance; the
  // retention job removes expired counters instead.
  const storeOptions = { storeClient: db, schema: rateLimits, clearExpiredByTimeout: false, tableCreated: true };
  // Every submission updates the global counter, so one row would make all of them queue for the
  // same row lock. A large limit is spread over shards, each allowing its share, and each request
  // counts against a random one: the total never exceeds the limit, and at the volumes a global
  // limit exists for, the first refusal comes close to it. Small limits stay exact on one row.
  const shards = Math.max(1, Math.min(GLOBAL_SHARDS, Math.floor(policy.globalPerMinute / 50)));
  const global = new RateLimiterDrizzle({
    ...storeOptions,
    keyPrefix: `${policy.scope}:global`,
    points: Math.floor(policy.globalPerMinute / shards),
    duration: 60,
  });
  // Charging the global counter on every request was a second database write per submission.
  // Instead each instance reserves a block of global points at once and spends them locally.
  // Nothing passes without a reserved point, so the total still never exceeds the limit
  // (unspent points simply lapse). Small limits reserve one point at a time and stay exact.
  // One reservation is in flight at a time: requests arriving meanwhile wait for it and take its
  // points. (Each reserving its own block charged 250 points for 25 requests arriving together
  // and spent 25, so a burst met the global limit at a tenth of its size.)
  const block = Math.max(1, Math.min(10, Math.floor(policy.globalPerMinute / 100)));
  let reserved = 0;
  let reservedUntil = 0;
  let reserving: Promise<void> | undefined;
  const reserve = () => {
    reserving ??= global
      .consume(`all:${Math.floor(Math.random() * shards)}`, block)
      .then((result) => {
        // Only asked for when none are left, or those left have lapsed.
        reserved = block;
        reservedUntil = Date.now() + result.msBeforeNext;
      })
      .finally(() => {
        reserving = undefined;
      });
    return reserving;
  };
  const takeGlobalPoint = async (): Promise<RateLimitDecision> => {
    // A refused reservation refuses the request that asked for it. A request that was only
    // waiting on it tries once more, on another random shard, which may still have room.
    for (let refusals = 0; ; ) {
      if (reserved > 0 && Date.now() < reservedUntil) {
        reserved -= 1;
        return { allowed: true };
      }
      const own = reserving === undefined;
      try {
        await reserve();
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        refusals += own ? 2 : 1;
        if (refusals >= 2) return { allowed: false, retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) };
      }
    }
  };
  return async function consume(ip: string): Promise<RateLimitDecision> {
    // A store failure throws: it must surface as "nothing was recorded", never pass as allowed.
    // An IPv6 client is its /64, an IPv4-mapped address its IPv4 one (client-key.ts).
    const client = rateLimitClient(ip);
    const count = await countHit(db, `${policy.scope}:client:${lookupHmac(keyring, `ip:${client}`)}`, HOUR_MS);
    if (count.points > policy.perClientPerHour) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((count.expire.getTime() - Date.now()) / 1000)),
      };
    }
    return takeGlobalPoint();
  };
}
