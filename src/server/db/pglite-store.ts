import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database, Store } from './client.ts';
import { migrationsFolder } from './migrations.ts';
import { storageGuard } from './storage-guard.ts';

/**
 * The embedded database (PGlite) under `dataDir`, migrated as it opens: the local default only.
 * Its packages are imported only when it opens, so no production bundle loads them, and
 * netlify.toml keeps the PGlite package out of the bundles altogether.
 */
export async function openPglite(dataDir: string, reserveBytes: number): Promise<Store> {
  // Imported here, not at the top: a bundler inlines this file into every function, and a
  // static import of the package would load (and need) it in production bundles too.
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
  const db = drizzle(client) as unknown as Database;
  await migrate(db as Parameters<typeof migrate>[0], { migrationsFolder: migrationsFolder() });
  return {
    db,
    kind: 'pglite',
    ping: async () => void (await db.execute(sql`select 1`)),
    storage: guard.state,
    close: () => client.close(),
  };
}
