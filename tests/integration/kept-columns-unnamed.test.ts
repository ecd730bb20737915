import { expect, it } from 'vitest';
import type { Database } from '../../src/server/db/client.ts';
import { consultationResultContacts } from '../../src/server/db/consultations-schema.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { countNotYetSent, createBatch } from '../../src/server/staff/opt-outs/export-batches.ts';
import { allMigrations, applyMigrations, describeOnEachDatabase } from '../support/migration-databases.ts';

/**
 * Migrations 0016 and 0017 kept three columns for code older than them: the GP-export batch
 * columns of opt_out_requests and consultation_result_contacts.sent_at. A migration may drop them
 * only once the release before it never names them: while a deploy rolls out, and after a
 * rollback, that release runs against the smaller table, and Drizzle names every column it knows
 * in a whole-row select or insert (the staff request page, the withdrawal link, the JSON opt-out,
 * a consultation answer that asks for the results, the results sender). This release must be that
 * release: here the columns are dropped as the next migration will drop them, and this code runs.
 */

/** What the next release's migration removes (after copying the stamps into opt_out_batch_requests). */
const DROPPED_NEXT = [
  'alter table opt_out_requests drop column objection_batch_id',
  'alter table opt_out_requests drop column withdrawal_batch_id',
  'alter table consultation_result_contacts drop column sent_at',
];

describeOnEachDatabase('this release without the columns kept for code older than 0016 and 0017', (withDatabase) => {
  /** A database as the next release's migration leaves it, through drizzle. */
  const withoutKeptColumns = (use: (db: Database) => Promise<void>) =>
    withDatabase(async (db) => {
      await applyMigrations(db, allMigrations());
      for (const statement of DROPPED_NEXT) await db.exec(statement);
      await use(db.drizzle);
    });

  it('reads and saves whole opt-out requests and makes a GP export', () =>
    withoutKeptColumns(async (db) => {
      await db.insert(optOutRequests).values({
        reference: 'AB2CD3EF',
        idempotencyKey: 'AB2CD3EF-key',
        route: 'self',
        statusLookupHmac: 'hmac',
        patientNameEncrypted: 'name',
        patientDateOfBirthEncrypted: 'dob',
        patientAddressEncrypted: 'address',
        hasEmail: false,
        appliedOn: '2026-12-07',
      });
      expect((await db.select().from(optOutRequests)).map((row) => row.reference)).toEqual(['AB2CD3EF']);
      expect(await countNotYetSent(db)).toBe(1);
      expect((await createBatch(db, { actorId: 1, now: new Date() }))?.rowCount).toBe(1);
      expect(await countNotYetSent(db)).toBe(0);
    }));

  it('keeps and reads an address for the results email', () =>
    withoutKeptColumns(async (db) => {
      await db.insert(consultationResultContacts).values({
        consultation: 'how-we-write-to-you',
        slotKey: 'waiting-for-results',
        emailEncrypted: 'encrypted',
        receivedOn: '2026-12-07',
      });
      expect(
        (await db.select().from(consultationResultContacts)).map(({ slotKey, language }) => ({
          slotKey,
          language,
        })),
      ).toEqual([{ slotKey: 'waiting-for-results', language: 'en' }]);
    }));
});
