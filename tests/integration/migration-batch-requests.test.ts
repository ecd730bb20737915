import { expect, it } from 'vitest';
import {
  applyMigrations,
  describeOnEachDatabase,
  migrationNamed,
  migrationsBefore,
} from '../support/migration-databases.ts';

/**
 * Issue 19: migration 0016 copies which batch carried each change from two columns of
 * opt_out_requests into opt_out_batch_requests. A database upgraded with exports already made
 * must keep them as sent: otherwise the next batch sends them all again, or (worse) a copy that
 * lost a withdrawal's batch would leave it waiting while the objection is marked sent.
 */

const before = migrationsBefore('0016');
const named = migrationNamed('0016');

describeOnEachDatabase('migration 0016', (withDatabase) => {
  it('keeps every change an upgraded database had already sent, in the batch that carried it', () =>
    withDatabase(async (db) => {
      await applyMigrations(db, before);
      await db.exec('insert into opt_out_export_batches (created_by, row_count) values (1, 2), (1, 1)');
      const request = (reference: string, objectionBatch: string, withdrawalBatch: string) =>
        `('${reference}', '${reference}-key', 'self', 'hmac', 'name', 'dob', 'address', false, ${objectionBatch}, ${withdrawalBatch}, current_date, current_date)`;
      await db.exec(`insert into opt_out_requests (reference, idempotency_key, route, status_lookup_hmac,
      patient_name_encrypted, patient_date_of_birth_encrypted, patient_address_encrypted, has_email,
      objection_batch_id, withdrawal_batch_id, applied_on, withdrawal_applied_on)
    values ${request('AB2CD3EF', '1', 'null')}, ${request('GH2JK3LM', '1', '2')}, ${request('NP2RS3TU', 'null', 'null')}`);

      await applyMigrations(db, named);

      expect(
        await db.rows(`select r.reference, b.batch_id::int as batch, b.change
    from opt_out_batch_requests b join opt_out_requests r on r.id = b.request_id order by 1, 3`),
      ).toEqual([
        { reference: 'AB2CD3EF', batch: 1, change: 'objection' },
        { reference: 'GH2JK3LM', batch: 1, change: 'objection' },
        { reference: 'GH2JK3LM', batch: 2, change: 'withdrawal' },
      ]);
      // The old columns stay one release, so code older than 0016 keeps working during a deploy or
      // after a rollback (migrations only add); a later release copies what it stamped there since
      // and drops them (docs/staff-queues.md).
      expect(
        await db.rows(`select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = 'opt_out_requests' and column_name like '%batch%' order by 1`),
      ).toEqual([{ column_name: 'objection_batch_id' }, { column_name: 'withdrawal_batch_id' }]);
    }));

  it('lets code older than 0016 still make an export once 0016 has run: its batch columns still take a stamp', () =>
    withDatabase(async (db) => {
      await applyMigrations(db, [...before, ...named]);
      await db.exec('insert into opt_out_export_batches (created_by, row_count) values (1, 1)');
      await db.exec(`insert into opt_out_requests (reference, idempotency_key, route, status_lookup_hmac,
      patient_name_encrypted, patient_date_of_birth_encrypted, patient_address_encrypted, has_email, applied_on)
    values ('AB2CD3EF', 'AB2CD3EF-key', 'self', 'hmac', 'name', 'dob', 'address', false, current_date)`);
      // What the old code's createBatch did: stamp the waiting request with the batch.
      await db.exec('update opt_out_requests set objection_batch_id = 1 where objection_batch_id is null');
      expect(await db.rows('select objection_batch_id::int as batch from opt_out_requests')).toEqual([{ batch: 1 }]);
    }));
});
