import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Rate-limit counters (rate-limiter-flexible's Drizzle store), kept in the database so limits
 * hold across every function instance. Keys hold an HMAC of the client's IP, never the IP.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull(),
  expire: timestamp('expire', { withTimezone: true }),
});
