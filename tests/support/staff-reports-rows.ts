import { randomUUID } from 'node:crypto';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { encryptField, encryptJson, type Keyring, lookupHmac } from '../../src/server/crypto/field-crypto.ts';
import { nextId, slotOf } from '../../src/server/crypto/slots.ts';
import type { Database } from '../../src/server/db/client.ts';
import { feedbackItems } from '../../src/server/db/feedback-schema.ts';
import { optOutEvidence, optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { feedbackNotes, optOutEvents } from '../../src/server/db/staff-schema.ts';

/**
 * Rows for the reports, retention and subject-access tests, inserted straight into the tables
 * (the submission paths have their own tests): each helper fills what is required and takes
 * overrides for what a test is about.
 */

let counter = 0;
/** A well-formed, unique reference (letters and digits from the reference alphabet). */
export function testReference(): string {
  counter += 1;
  const letters = 'ABCDEFGHJKLMNPRSTUVWXY';
  const n = counter + Math.floor(Math.random() * 100_000) * 1000;
  const pick = (i: number) => letters[Math.floor(n / 22 ** i) % 22] ?? 'A';
  return `${pick(0)}${pick(1)}${2 + (n % 8)}${pick(2)}${pick(3)}${2 + (Math.floor(n / 8) % 8)}${pick(4)}${pick(5)}`;
}

export async function insertFeedback(
  db: Database,
  keyring: Keyring,
  values: Partial<typeof feedbackItems.$inferInsert> = {},
): Promise<typeof feedbackItems.$inferSelect> {
  const idempotencyKey = values.idempotencyKey ?? randomUUID();
  const at = (column: PgColumn) => slotOf(column, idempotencyKey);
  const [row] = await db
    .insert(feedbackItems)
    .values({
      reference: testReference(),
      idempotencyKey,
      type: 'question',
      receivedOn: '2026-11-02',
      replyBy: 'email',
      messageEncrypted: encryptField(keyring, 'My GP letter did not arrive', at(feedbackItems.messageEncrypted)),
      nameEncrypted: encryptField(keyring, 'Alex Example', at(feedbackItems.nameEncrypted)),
      emailEncrypted: encryptField(keyring, 'alex@example.com', at(feedbackItems.emailEncrypted)),
      ...values,
    })
    .returning();
  if (!row) throw new Error('No feedback row');
  return row;
}

export async function insertNote(db: Database, keyring: Keyring, itemId: number, note = 'Called Alex back') {
  const id = await nextId(db, feedbackNotes);
  const noteEncrypted = encryptField(keyring, note, slotOf(feedbackNotes.noteEncrypted, id));
  await db.insert(feedbackNotes).values({ id, itemId, authorId: 1, noteEncrypted });
}

/** Who an opt-out is about, by default Sam Patient at 1 High Street. */
export interface TestPerson {
  name: string;
  email: string;
  line1: string;
  dateOfBirth?: string;
}

export async function insertOptOut(
  db: Database,
  keyring: Keyring,
  values: Partial<typeof optOutRequests.$inferInsert> = {},
  person: TestPerson = { name: 'Sam Patient', email: 'sam@example.com', line1: '1 High Street' },
): Promise<typeof optOutRequests.$inferSelect> {
  const reference = values.reference ?? testReference();
  const at = (column: PgColumn) => slotOf(column, reference);
  const [row] = await db
    .insert(optOutRequests)
    .values({
      reference,
      idempotencyKey: randomUUID(),
      route: 'self',
      nhsNumberHmac: lookupHmac(keyring, 'nhs:4857773457'),
      statusLookupHmac: lookupHmac(keyring, `status:${reference}:1980-01-31`),
      patientNameEncrypted: encryptField(keyring, person.name, at(optOutRequests.patientNameEncrypted)),
      patientDateOfBirthEncrypted: encryptField(
        keyring,
        person.dateOfBirth ?? '1980-01-31',
        at(optOutRequests.patientDateOfBirthEncrypted),
      ),
      patientNhsNumberEncrypted: encryptField(keyring, '4857773457', at(optOutRequests.patientNhsNumberEncrypted)),
      patientAddressEncrypted: encryptJson(
        keyring,
        { line1: person.line1, town: 'Ashby', postcode: 'AW1 2BT' },
        at(optOutRequests.patientAddressEncrypted),
      ),
      contactEmailEncrypted: encryptField(keyring, person.email, at(optOutRequests.contactEmailEncrypted)),
      hasEmail: true,
      ...values,
    })
    .returning();
  if (!row) throw new Error('No opt-out row');
  return row;
}

export async function insertEvent(db: Database, keyring: Keyring, requestId: number, toStatus: string, at: Date) {
  const id = await nextId(db, optOutEvents);
  await db.insert(optOutEvents).values({
    id,
    requestId,
    fromStatus: null,
    toStatus,
    actorId: 1,
    noteEncrypted: encryptField(keyring, 'Checked passport on a video call', slotOf(optOutEvents.noteEncrypted, id)),
    at,
  });
}

export async function insertEvidence(db: Database, keyring: Keyring, requestId: number) {
  const id = await nextId(db, optOutEvidence);
  await db.insert(optOutEvidence).values({
    id,
    requestId,
    contentType: 'application/pdf',
    byteSize: 1234,
    fileNameEncrypted: encryptField(
      keyring,
      'lasting-power-of-attorney.pdf',
      slotOf(optOutEvidence.fileNameEncrypted, id),
    ),
    dataEncrypted: encryptField(keyring, 'JVBERi0=', slotOf(optOutEvidence.dataEncrypted, id)),
  });
}

export async function insertEmail(
  db: Database,
  keyring: Keyring,
  values: Partial<typeof outboxMessages.$inferInsert> & { dedupeKey: string },
) {
  await db.insert(outboxMessages).values({
    recipientEncrypted: encryptField(
      keyring,
      'sam@example.com',
      slotOf(outboxMessages.recipientEncrypted, values.dedupeKey),
    ),
    template: 'opt-out-received',
    paramsEncrypted: encryptJson(keyring, { reference: 'X' }, slotOf(outboxMessages.paramsEncrypted, values.dedupeKey)),
    ...values,
  });
}
