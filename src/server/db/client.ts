import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './index.ts';

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
export async function openStore(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<Store> {
  try {
    return options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.dataDir);
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
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const folder = resolve(dataDir, 'pglite');
  await mkdir(folder, { recursive: true });
  const client = await PGlite.create(folder);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => client.close(),
  };
}
