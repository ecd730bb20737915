import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/server/db/migrations.ts';

/**
 * Issue 19: migration 0016 copies which batch carried each change from two columns of
 * opt_out_requests into opt_out_batch_requests. A database upgraded with exports already made
 * must keep them as sent: otherwise the next batch sends them all again, or (worse) a copy that
 * lost a withdrawal's batch would leave it waiting while the objection is marked sent.
 */

const files = readdirSync(migrationsFolder())
  .filter((file) => file.endsWith('.sql'))
  .sort();
const before = (tag: string) => files.filter((file) => file < tag);
const named = (tag: string) => files.filter((file) => file.startsWith(tag));

let db: PGlite | undefined;
afterEach(async () => db?.close());

async function apply(database: PGlite, migrations: string[]) {
  for (const file of migrations)
    for (const statement of readFileSync(join(migrationsFolder(), file), 'utf8').split('--> statement-breakpoint'))
      if (statement.trim()) await database.exec(statement);
}

it('keeps every change an upgraded database had already sent, in the batch that carried it', async () => {
  db = new PGlite();
  await apply(db, before('0016'));
  await db.exec('insert into opt_out_export_batches (created_by, row_count) values (1, 2), (1, 1)');
  const request = (reference: string, objectionBatch: string, withdrawalBatch: string) =>
    `('${reference}', '${reference}-key', 'self', 'hmac', 'name', 'dob', 'address', false, ${objectionBatch}, ${withdrawalBatch}, current_date, current_date)`;
  await db.exec(`insert into opt_out_requests (reference, idempotency_key, route, status_lookup_hmac,
      patient_name_encrypted, patient_date_of_birth_encrypted, patient_address_encrypted, has_email,
      objection_batch_id, withdrawal_batch_id, applied_on, withdrawal_applied_on)
    values ${request('AB2CD3EF', '1', 'null')}, ${request('GH2JK3LM', '1', '2')}, ${request('NP2RS3TU', 'null', 'null')}`);

  await apply(db, named('0016'));

  const sent = await db.query(`select r.reference, b.batch_id::int as batch, b.change
    from opt_out_batch_requests b join opt_out_requests r on r.id = b.request_id order by 1, 3`);
  expect(sent.rows).toEqual([
    { reference: 'AB2CD3EF', batch: 1, change: 'objection' },
    { reference: 'GH2JK3LM', batch: 1, change: 'objection' },
    { reference: 'GH2JK3LM', batch: 2, change: 'withdrawal' },
  ]);
  // The old columns stay one release, so code older than 0016 keeps working during a deploy or
  // after a rollback (migrations only add); the next release re-copies and drops them.
  const columns = await db.query(`select column_name from information_schema.columns
    where table_name = 'opt_out_requests' and column_name like '%batch%' order by 1`);
  expect(columns.rows).toEqual([{ column_name: 'objection_batch_id' }, { column_name: 'withdrawal_batch_id' }]);
});

it('lets code older than 0016 still make an export once 0016 has run: its batch columns still take a stamp', async () => {
  db = new PGlite();
  await apply(db, [...before('0016'), ...named('0016')]);
  await db.exec('insert into opt_out_export_batches (created_by, row_count) values (1, 1)');
  await db.exec(`insert into opt_out_requests (reference, idempotency_key, route, status_lookup_hmac,
      patient_name_encrypted, patient_date_of_birth_encrypted, patient_address_encrypted, has_email, applied_on)
    values ('AB2CD3EF', 'AB2CD3EF-key', 'self', 'hmac', 'name', 'dob', 'address', false, current_date)`);
  // What the old code's createBatch did: stamp the waiting request with the batch.
  await db.exec('update opt_out_requests set objection_batch_id = 1 where objection_batch_id is null');
  const stamped = await db.query('select objection_batch_id::int as batch from opt_out_requests');
  expect(stamped.rows).toEqual([{ batch: 1 }]);
});
