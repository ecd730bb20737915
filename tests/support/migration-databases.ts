import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { describe } from 'vitest';
import type { Database } from '../../src/server/db/client.ts';
import { migrationsFolder } from '../../src/server/db/migrations.ts';

/**
 * For tests of one migration over data that older code left: a bare database (no drizzle journal)
 * taken to any point in the migrations by applying their SQL files in order, on PGlite and on the
 * test PostgreSQL server, as `npm run db:migrate` would.
 */

const files = readdirSync(migrationsFolder())
  .filter((file) => file.endsWith('.sql'))
  .sort();

/** Every migration file, in order. */
export const allMigrations = (): string[] => [...files];
/** The migration files before the one whose number is `tag` (e.g. '0016'). */
export const migrationsBefore = (tag: string) => files.filter((file) => file < tag);
/** The migration file numbered `tag`. */
export const migrationNamed = (tag: string) => files.filter((file) => file.startsWith(tag));

export interface MigrationDatabase {
  exec(statement: string): Promise<unknown>;
  rows(query: string): Promise<Record<string, unknown>[]>;
  /** The same connection through drizzle, to run the application's own queries once migrated. */
  drizzle: Database;
  close(): Promise<void>;
}

/** Applies migration files in order, statement by statement, as drizzle's migrator splits them. */
export async function applyMigrations(db: MigrationDatabase, migrations: string[]): Promise<void> {
  for (const file of migrations)
    for (const statement of readFileSync(join(migrationsFolder(), file), 'utf8').split('--> statement-breakpoint'))
      if (statement.trim()) await db.exec(statement);
}

async function openPglite(): Promise<MigrationDatabase> {
  const db = new PGlite();
  return {
    exec: (s) => db.exec(s),
    rows: async (q) => (await db.query<Record<string, unknown>>(q)).rows,
    // The same cast as pglite-store.ts: drizzle's PGlite and postgres-js databases share PgDatabase.
    drizzle: drizzlePglite(db) as unknown as Database,
    close: () => db.close(),
  };
}

const serverUrl = process.env['TEST_DATABASE_URL'];
if (!serverUrl && process.env['CI'] === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set');

async function openPostgres(): Promise<MigrationDatabase> {
  const name = `migrate_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl ?? '', { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl ?? '');
  url.pathname = `/${name}`;
  const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
  return {
    exec: (s) => db.unsafe(s),
    rows: async (q) => [...(await db.unsafe(q))],
    drizzle: drizzlePostgres(db),
    close: async () => {
      await db.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Opens a fresh database, hands it to `use`, and closes it whatever happens. */
export type WithDatabase = (use: (db: MigrationDatabase) => Promise<void>) => Promise<void>;

/**
 * A suite run on PGlite and on PostgreSQL, each test with a fresh database. The PostgreSQL leg is
 * skipped (visibly, as a skipped suite) when no test server is available outside CI.
 */
export function describeOnEachDatabase(title: string, suite: (withDatabase: WithDatabase) => void): void {
  const legs: [string, (() => Promise<MigrationDatabase>) | undefined][] = [
    ['PGlite', openPglite],
    ['PostgreSQL', serverUrl ? openPostgres : undefined],
  ];
  for (const [store, open] of legs)
    (open ? describe : describe.skip)(`${title} on ${store}`, () =>
      suite(async (use) => {
        const db = await (open ?? openPglite)();
        try {
          await use(db);
        } finally {
          await db.close();
        }
      }),
    );
}
