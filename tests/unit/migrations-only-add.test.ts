import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/server/db/migrations.ts';

/**
 * Migrations only add (docs/deploy.md, "5. Migrations: changing the database safely"): while a deploy rolls out, and after a
 * rollback, code one release older runs against the newer schema, and Drizzle names every column
 * it knows in its inserts and selects. A migration that drops, renames or narrows something breaks
 * that code. Removing something takes two releases: code that stops using it (takes it out of the
 * Drizzle schema, not only out of its own queries), then a migration that removes it. Such a
 * second-release migration goes in ALLOWED with the release that stopped using it.
 */
const ALLOWED: Record<string, string> = {};

const REMOVES = [
  /\bDROP\s+(TABLE|COLUMN|INDEX|CONSTRAINT|TYPE|SCHEMA)\b/i,
  /\bRENAME\b/i,
  /\bALTER\s+COLUMN\s+"?\w+"?\s+(SET\s+NOT\s+NULL|(SET\s+DATA\s+)?TYPE)\b/i,
  /^\s*TRUNCATE\b/im,
];

/** The SQL without comments, so a comment that explains a drop does not count as one. */
const statements = (file: string) =>
  readFileSync(join(migrationsFolder(), file), 'utf8')
    .split('\n')
    .map((line) => line.replace(/--.*$/, ''))
    .join('\n');

describe('database migrations', () => {
  const files = readdirSync(migrationsFolder()).filter((file) => file.endsWith('.sql'));

  it('are all read (the folder is found)', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(files)('%s only adds, so the release before it still runs', (file) => {
    const found = REMOVES.map((pattern) => pattern.exec(statements(file))?.[0]).filter(Boolean);
    if (ALLOWED[file]) return;
    expect(found, `${file} removes or narrows something; see docs/deploy.md on doing it in two releases`).toEqual([]);
  });

  it('flags a drop, a rename and a narrowing, and not a comment about one', () => {
    const flags = (sql: string) => REMOVES.some((pattern) => pattern.test(sql.replace(/--.*$/gm, '')));
    expect(flags('ALTER TABLE "a" DROP COLUMN "b";')).toBe(true);
    expect(flags('ALTER TABLE "a" RENAME COLUMN "b" TO "c";')).toBe(true);
    expect(flags('ALTER TABLE "a" ALTER COLUMN "b" SET NOT NULL;')).toBe(true);
    expect(flags('ALTER TABLE "a" ALTER COLUMN "b" SET DATA TYPE integer;')).toBe(true);
    expect(flags('-- the next release drops them\nALTER TABLE "a" ADD COLUMN "b" text;')).toBe(false);
    expect(flags('ALTER TABLE "a" ALTER COLUMN "b" DROP NOT NULL;')).toBe(false);
    expect(flags('TRUNCATE "a";')).toBe(true);
    expect(flags('CREATE TRIGGER "t" BEFORE TRUNCATE ON "a" FOR EACH STATEMENT EXECUTE FUNCTION "f"();')).toBe(false);
  });
});
