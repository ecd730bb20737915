import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Database, Store } from './client.ts';
import * as schema from './index.ts';
import { migrationsFolder } from './migrations.ts';
import { storageGuard } from './storage-guard.ts';

/**
 * The embedded database (PGlite) under `dataDir`, migrated as it opens: the local default only.
 * client.ts imports this file lazily, so no production bundle loads it, and netlify.toml keeps
 * the PGlite package out of the bundles altogether.
 */
export async function openPglite(dataDir: string, reserveBytes: number): Promise<Store> {
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
  const db = drizzle(client, { schema }) as unknown as Database;
  await migrate(db as Parameters<typeof migrate>[0], { migrationsFolder: migrationsFolder() });
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await db.execute(sql`select 1`)),
    storage: guard.state,
    close: () => client.close(),
  };
}
