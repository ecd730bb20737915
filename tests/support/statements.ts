import type { Logger } from 'drizzle-orm';
import { vi } from 'vitest';
import type { Database } from '../../src/server/db/client.ts';

/**
 * A spy on every statement drizzle sends to a database, whether built on the call or prepared
 * once (both pass the session's logger): `texts()` lists the SQL sent since the last `clear()`.
 * Counting what reaches the database, not which query builder was called, keeps a "one round
 * trip" test true when a query is prepared.
 */
export function watchStatements(db: Database) {
  const { logger } = (db as unknown as { _: { session: { logger: Logger } } })._.session;
  const spy = vi.spyOn(logger, 'logQuery');
  return {
    texts: () => spy.mock.calls.map(([text]) => text),
    /** The parameters of each statement sent whose text matches. */
    params: (pattern: RegExp) => spy.mock.calls.filter(([text]) => pattern.test(text)).map(([, params]) => params),
    clear: () => spy.mockClear(),
    restore: () => spy.mockRestore(),
  };
}
