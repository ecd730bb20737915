import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { checkSchemaVersion, SchemaBehindError } from './migrations.ts';
import { STORAGE_RESERVE_BYTES, type StorageState } from './storage-guard.ts';

/**
 * The drizzle database, whichever driver is underneath. Feature code only sees this type.
 * It carries no schema object: that only feeds Drizzle's relational query API (`db.query`), which
 * no code uses, and importing the whole schema (src/server/db/index.ts) here made every function
 * define every area's tables when it loaded (issue 13's import target). Each feature imports the
 * tables of its own area; index.ts stays the one list drizzle-kit generates migrations from.
 */
export type Database = PgDatabase<PgQueryResultHKT>;
/** A transaction handle, passed to code that must commit together (a request and its emails). */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** An open store: the database plus what start-up, health checks and shutdown need. */
export interface Store {
  db: Database;
  /** "pglite" is the embedded default; "postgres" is a real server (required in production). */
  kind: 'pglite' | 'postgres';
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /**
   * Whether writes can be stored. PGlite's disk is watched (storage-guard.ts); PostgreSQL reports
   * a full disk as a failed statement, which the save path already answers with "nothing was recorded".
   */
  storage(): StorageState | undefined;
  close(): Promise<void>;
}

/** Thrown when the database cannot be reached; callers must not acknowledge anything then. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/**
 * A PostgreSQL client that works directly and through a pooler in transaction mode (pgbouncer,
 * RDS Proxy, Supavisor). `max` connections per process (DB_POOL_MAX). Two things a pooler breaks
 * are off:
 * - named prepared statements, which live in one server session that the pooler hands to another
 *   client; unless `preparedStatements` (DB_PREPARED_STATEMENTS=true: a direct connection, or a
 *   pooler that keeps them), each query is an unnamed statement, parsed again every time. It still
 *   goes in one round trip, as libpq's PQexecParams sends it: postgres.js 3.4.9 would ask for the
 *   parameters' types first (two round trips), and patches/postgres+3.4.9.patch skips that when
 *   every value is one whose text does not depend on the answer (strings, numbers, nulls, flat
 *   arrays of them, and values of a known type), which is every query drizzle sends here;
 * - pipelining (`max_pipeline: 0`). postgres.js otherwise writes a connection's next queries
 *   before the first is answered. A pooler in transaction mode (pgbouncer before 1.21, Debian's is
 *   1.18) gives the server connection back at the first answer's end, so the answers to queries
 *   already sent arrive on a connection no client holds (pgbouncer logs "got packet '1' from
 *   server when not linked", then "server got dirty"), and the client waits for them for ever.
 *   With one connection per function instance, a transaction started beside other queries did
 *   this, and the staff function hung in CI (issue 13). `max_pipeline: 1` still sends one query
 *   behind another, so it hangs too.
 *
 * postgres.js 3.4.9 cannot run a transaction with `max_pipeline: 0` (it never reserves the
 * connection: porsager/postgres#1210). patches/postgres+3.4.9.patch, applied by patch-package on
 * install, carries the fix proposed upstream in porsager/postgres#1211, and the one-flight send
 * above. The tests in tests/integration/pooler.test.ts and postgres-client.test.ts fail without
 * either part.
 */
export function postgresClient(
  url: string,
  { max, preparedStatements = false }: { max: number; preparedStatements?: boolean },
): postgres.Sql {
  // Notices (e.g. "relation already exists, skipping") are not errors and would only add noise.
  // postgres.js reads max_pipeline but its types leave it out, so the options are not a literal.
  const options = { max, max_pipeline: 0, prepare: preparedStatements, onnotice: () => {}, connect_timeout: 10 };
  return postgres(url, options);
}

/**
 * Opens the database. With a connection string this is PostgreSQL, whose schema is only checked:
 * migrations are a deploy step (`npm run db:migrate`), never a cold start. Without one it is the
 * embedded PGlite persisted under `dataDir`, migrated as it opens (3–5 s, so it is opened once at
 * start-up, never per request); its code is loaded only then.
 */
export async function openStore(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL connections this process keeps (DB_POOL_MAX). Default 10. */
  poolMax?: number;
  /** PostgreSQL only: keep named prepared statements (DB_PREPARED_STATEMENTS). Default false. */
  preparedStatements?: boolean;
  /** PGlite only: free space below which writes are refused (storage-guard.ts). */
  reserveBytes?: number;
}): Promise<Store> {
  try {
    if (options.databaseUrl) {
      return await openPostgres(options.databaseUrl, options.poolMax ?? 10, options.preparedStatements ?? false);
    }
    const { openPglite } = await import('./pglite-store.ts');
    return await openPglite(options.dataDir, options.reserveBytes ?? STORAGE_RESERVE_BYTES);
  } catch (error) {
    if (error instanceof SchemaBehindError) throw error;
    throw new StoreUnavailableError('The database could not be opened', { cause: error });
  }
}

async function openPostgres(url: string, max: number, preparedStatements: boolean): Promise<Store> {
  const client = postgresClient(url, { max, preparedStatements });
  const db = drizzle(client);
  try {
    await checkSchemaVersion(db);
  } catch (error) {
    await client.end({ timeout: 1 });
    throw error;
  }
  return {
    db,
    kind: 'postgres',
    ping: async () => void (await db.execute(sql`select 1`)),
    storage: () => undefined,
    close: () => client.end({ timeout: 5 }),
  };
}
