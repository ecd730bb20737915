import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { postgresClient } from './client.ts';
import * as schema from './index.ts';
import { EXPECTED_MIGRATION, migrationsFolder } from './migrations.ts';

/** Any fixed number: every run of `db:migrate` on every machine asks PostgreSQL for the same lock. */
const MIGRATION_LOCK = 7_305_120_261_206n;

/**
 * Applies the migrations not yet applied, holding a PostgreSQL advisory lock for the whole run so
 * two deploys (or a deploy and a person) cannot migrate at once: the second waits, then finds
 * nothing to do. The lock belongs to one session, so this needs a direct connection, not a pooler
 * in transaction mode (MIGRATION_DATABASE_URL in docs/deploy.md).
 */
export async function migrateDatabase(url: string): Promise<{ latest: string; applied: number }> {
  const client = postgresClient(url, { max: 2 });
  try {
    const lock = await client.reserve();
    try {
      await lock`select pg_advisory_lock(${MIGRATION_LOCK.toString()}::bigint)`;
      const count = async () => {
        const [row] = await client`
          select count(*)::int as n from information_schema.tables
          where table_schema = 'drizzle' and table_name = '__drizzle_migrations'`;
        if (!row?.['n']) return 0;
        const [applied] = await client`select count(*)::int as n from drizzle.__drizzle_migrations`;
        return Number(applied?.['n'] ?? 0);
      };
      const before = await count();
      await migrate(drizzle(client, { schema }), { migrationsFolder: migrationsFolder() });
      const after = await count();
      return { latest: EXPECTED_MIGRATION.tag, applied: after - before };
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK.toString()}::bigint)`.catch(() => {});
      lock.release();
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
