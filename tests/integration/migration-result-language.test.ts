import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/server/db/migrations.ts';

/**
 * Migration 0019 keeps the language a person answered a consultation in beside their results
 * address, so the results email is written in it. Addresses already waiting when it runs were
 * given on English forms (the only ones before it) and must stay valid and go in English; code one
 * release older, which does not name the column, must still save addresses; and nothing but the
 * site's language codes may be stored, since the sender has words for those alone.
 */

const TAG = '0019';
const files = readdirSync(migrationsFolder())
  .filter((file) => file.endsWith('.sql'))
  .sort();
const before = files.filter((file) => file < TAG);
const named = files.filter((file) => file.startsWith(TAG));

interface Database {
  exec(statement: string): Promise<unknown>;
  rows(query: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function apply(db: Database, migrations: string[]) {
  for (const file of migrations)
    for (const statement of readFileSync(join(migrationsFolder(), file), 'utf8').split('--> statement-breakpoint'))
      if (statement.trim()) await db.exec(statement);
}

/** An address as code older than 0019 saves it (no language), or with the language given as SQL. */
const insert = (slot: string, language?: string) =>
  `insert into consultation_result_contacts (consultation, slot_key, email_encrypted, received_on${language === undefined ? '' : ', language'})
   values ('how-we-write-to-you', '${slot}', 'encrypted', current_date${language === undefined ? '' : `, ${language}`})`;

async function openPglite(): Promise<Database> {
  const db = new PGlite();
  return {
    exec: (s) => db.exec(s),
    rows: async (q) => (await db.query<Record<string, unknown>>(q)).rows,
    close: () => db.close(),
  };
}

const serverUrl = process.env['TEST_DATABASE_URL'];
if (!serverUrl && process.env['CI'] === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set');

async function openPostgres(): Promise<Database> {
  const name = `migrate_${randomBytes(5).toString('hex')}`;
  const admin = postgres(serverUrl ?? '', { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl ?? '');
  url.pathname = `/${name}`;
  const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
  return {
    exec: (s) => db.unsafe(s),
    rows: async (q) => [...(await db.unsafe(q))],
    close: async () => {
      await db.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const legs: [string, (() => Promise<Database>) | undefined][] = [
  ['PGlite', openPglite],
  ['PostgreSQL', serverUrl ? openPostgres : undefined],
];

for (const [store, open] of legs) {
  (open ? describe : describe.skip)(`migration 0019 on ${store}`, () => {
    it('keeps an address saved before it, in English, and lets older code still save one', async () => {
      const db = await (open ?? openPglite)();
      try {
        await apply(db, before);
        await db.exec(insert('before-0019'));
        await apply(db, named);
        await db.exec(insert('older-code-after-0019'));
        await db.exec(insert('urdu', "'ur'"));
        expect(await db.rows('select slot_key, language from consultation_result_contacts order by id')).toEqual([
          { slot_key: 'before-0019', language: 'en' },
          { slot_key: 'older-code-after-0019', language: 'en' },
          { slot_key: 'urdu', language: 'ur' },
        ]);
      } finally {
        await db.close();
      }
    });

    it('refuses a language the site has no words for, and an empty one', async () => {
      const db = await (open ?? openPglite)();
      try {
        await apply(db, [...before, ...named]);
        for (const code of ['de', '', 'EN'])
          await expect(db.exec(insert(`slot-${code}`, `'${code}'`)), code).rejects.toThrow(
            /consultation_result_contacts_language_check/,
          );
        await expect(db.exec(insert('no-language', 'null'))).rejects.toThrow(/not-null|null value/i);
        expect(await db.rows('select count(*)::int as n from consultation_result_contacts')).toEqual([{ n: 0 }]);
      } finally {
        await db.close();
      }
    });
  });
}
