import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './index.ts';
import { STORAGE_RESERVE_BYTES, type StorageState, storageGuard } from './storage-guard.ts';

/** The drizzle database, whichever driver is underneath. Feature code only sees this type. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
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

const migrationsFolder = resolve(import.meta.dirname, 'migrations');

/** Thrown when the database cannot be reached; callers must not acknowledge anything then. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/**
 * Opens the database and applies any migrations not yet applied. With a connection string this
 * is PostgreSQL; without one it is PGlite persisted under `dataDir` (3–5 s to open, so it is
 * opened once at start-up, never per request).
 */
export async function openStore(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PGlite only: free space below which writes are refused (storage-guard.ts). */
  reserveBytes?: number;
}): Promise<Store> {
  try {
    return options.databaseUrl
      ? await openPostgres(options.databaseUrl)
      : await openPglite(options.dataDir, options.reserveBytes ?? STORAGE_RESERVE_BYTES);
  } catch (error) {
    throw new StoreUnavailableError('The database could not be opened or migrated', { cause: error });
  }
}

async function openPostgres(url: string): Promise<Store> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  // Notices (e.g. "relation already exists, skipping") are not errors and would only add noise.
  const client = postgres(url, { max: 10, onnotice: () => {}, connect_timeout: 10 });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db,
    kind: 'postgres',
    ping: async () => void (await db.execute(sql`select 1`)),
    storage: () => undefined,
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string, reserveBytes: number): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const folder = resolve(dataDir, 'pglite');
  await mkdir(folder, { recursive: true });
  const client = await PGlite.create(folder);
  const guard = storageGuard(folder, reserveBytes);
  // drizzle sends every statement through query() and every transaction through transaction().
  const query = client.query.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = (async (
    statement: string,
    ...rest: Parameters<typeof query> extends [string, ...infer R] ? R : never
  ) => {
    guard.check(statement);
    return query(statement, ...rest).catch((error: unknown) => {
      guard.observe(error);
      throw error;
    });
  }) as typeof query;
  client.transaction = (async (callback: Parameters<typeof transaction>[0]) => {
    guard.check('begin');
    return transaction(callback).catch((error: unknown) => {
      guard.observe(error);
      throw error;
    });
  }) as typeof transaction;
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await db.execute(sql`select 1`)),
    storage: guard.state,
    close: () => client.close(),
  };
}
