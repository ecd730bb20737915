import type { Database } from './client.ts';

/**
 * One of something for each open database, made on first use and kept while the database is: a
 * prepared statement (drizzle would build its SQL again on every call), a group committer (so the
 * rows of one process share statements), a rate limiter (so its requests share counters). Tests
 * open many databases in one process; each gets its own.
 */
export function perDatabase<T>(make: (db: Database) => T): (db: Database) => T {
  const made = new WeakMap<Database, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) {
      value = make(db);
      made.set(db, value);
    }
    return value;
  };
}
