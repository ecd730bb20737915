import { expect, it } from 'vitest';
import {
  applyMigrations,
  describeOnEachDatabase,
  migrationNamed,
  migrationsBefore,
} from '../support/migration-databases.ts';

/**
 * Migration 0019 keeps the language a person answered a consultation in beside their results
 * address, so the results email is written in it. Addresses already waiting when it runs were
 * given on English forms (the only ones before it) and must stay valid and go in English; code one
 * release older, which does not name the column, must still save addresses; and nothing but the
 * site's language codes may be stored, since the sender has words for those alone.
 */

const TAG = '0019';
const before = migrationsBefore(TAG);
const named = migrationNamed(TAG);

/** An address as code older than 0019 saves it (no language), or with the language given as SQL. */
const insert = (slot: string, language?: string) =>
  `insert into consultation_result_contacts (consultation, slot_key, email_encrypted, received_on${language === undefined ? '' : ', language'})
   values ('how-we-write-to-you', '${slot}', 'encrypted', current_date${language === undefined ? '' : `, ${language}`})`;

describeOnEachDatabase(`migration ${TAG}`, (withDatabase) => {
  it('keeps an address saved before it, in English, and lets older code still save one', () =>
    withDatabase(async (db) => {
      await applyMigrations(db, before);
      await db.exec(insert('before-0019'));
      await applyMigrations(db, named);
      await db.exec(insert('older-code-after-0019'));
      await db.exec(insert('urdu', "'ur'"));
      expect(await db.rows('select slot_key, language from consultation_result_contacts order by id')).toEqual([
        { slot_key: 'before-0019', language: 'en' },
        { slot_key: 'older-code-after-0019', language: 'en' },
        { slot_key: 'urdu', language: 'ur' },
      ]);
    }));

  it('refuses a language the site has no words for, and an empty one', () =>
    withDatabase(async (db) => {
      await applyMigrations(db, [...before, ...named]);
      for (const code of ['de', '', 'EN'])
        await expect(db.exec(insert(`slot-${code}`, `'${code}'`)), code).rejects.toThrow(
          /consultation_result_contacts_language_check/,
        );
      await expect(db.exec(insert('no-language', 'null'))).rejects.toThrow(/not-null|null value/i);
      expect(await db.rows('select count(*)::int as n from consultation_result_contacts')).toEqual([{ n: 0 }]);
    }));
});
