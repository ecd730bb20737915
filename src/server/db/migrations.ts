import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from './client.ts';
// Imported, not read from disk, so every bundle knows the schema version its code was written for.
import journal from './migrations/meta/_journal.json' with { type: 'json' };

/**
 * The migrations folder in the repository. Only `npm run db:migrate` and the embedded database
 * read it: functions never migrate (a deploy step does), they only check the version.
 */
export function migrationsFolder(): string {
  return resolve(import.meta.dirname, 'migrations');
}

/** The newest migration this code expects: its tag and drizzle's timestamp for it. */
export const EXPECTED_MIGRATION = (() => {
  const last = journal.entries.at(-1);
  if (!last) throw new Error('The migrations journal has no entries');
  return { tag: last.tag, when: last.when, count: journal.entries.length };
})();

/** Thrown when the database's schema is older than the code: nothing may be written until `npm run db:migrate` has run. */
export class SchemaBehindError extends Error {
  override name = 'SchemaBehindError';
}

/**
 * Compares the database's newest applied migration (drizzle's table) with the one this code was
 * built for. Behind: SchemaBehindError. Ahead is fine: migrations only add, so code one release
 * older keeps working while a new release rolls out.
 */
export async function checkSchemaVersion(db: Database): Promise<void> {
  const rows = (await db
    .execute(sql`
    select coalesce(max(created_at), 0)::text as last
    from drizzle.__drizzle_migrations
  `)
    .catch((error: unknown) => {
      // 42P01 undefined_table, 3F000 invalid_schema_name: never migrated at all.
      const code =
        (error as { code?: string; cause?: { code?: string } }).code ??
        (error as { cause?: { code?: string } }).cause?.code;
      if (code === '42P01' || code === '3F000') return [{ last: '0' }];
      throw error;
    })) as unknown as { last: string }[];
  const last = Number(rows[0]?.last ?? 0);
  if (last < EXPECTED_MIGRATION.when) {
    throw new SchemaBehindError(
      `The database schema is behind this code (it needs migration ${EXPECTED_MIGRATION.tag}): run \`npm run db:migrate\` with DATABASE_URL (or MIGRATION_DATABASE_URL) set. Nothing is written until then.`,
    );
  }
}
