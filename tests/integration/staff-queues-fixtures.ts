import { sql } from 'drizzle-orm';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import type { StaffRole } from '../../src/domain/staff.ts';
import { validateForm } from '../../src/forms/validation.ts';
import { feedbackFormSchema } from '../../src/schemas/forms/feedback.ts';
import { optOutSchema } from '../../src/schemas/forms/opt-out.ts';
import { encryptField, lookupHmac } from '../../src/server/crypto/field-crypto.ts';
import { nextId, slotOf } from '../../src/server/crypto/slots.ts';
import type { Database } from '../../src/server/db/client.ts';
import { staffAuditLog, staffUsers } from '../../src/server/db/staff-schema.ts';
import { formatCalendarDate } from '../../src/server/feedback/responses.tsx';
import { saveFeedbackItem } from '../../src/server/feedback/save-item.ts';
import { readEvidence } from '../../src/server/opt-out/evidence.ts';
import { saveOptOut } from '../../src/server/opt-out/submit.ts';
import type { Services } from '../../src/server/services.ts';

/** Shared set-up for the staff queue tests: a member of staff, feedback items and opt-out requests. */

export async function addStaff(services: Services, name: string, roles: readonly StaffRole[]): Promise<number> {
  const id = await nextId(services.store.db, staffUsers);
  const [row] = await services.store.db
    .insert(staffUsers)
    .values({
      id,
      emailHmac: lookupHmac(services.keyring, `staff:${name}`),
      emailEncrypted: encryptField(
        services.keyring,
        `${name.toLowerCase().replace(/\W/g, '.')}@example.org`,
        slotOf(staffUsers.emailEncrypted, id),
      ),
      nameEncrypted: encryptField(services.keyring, name, slotOf(staffUsers.nameEncrypted, id)),
      roles: [...roles],
      status: 'active',
    })
    .returning({ id: staffUsers.id });
  if (!row) throw new Error('fixture');
  return row.id;
}

export async function addFeedback(
  services: Services,
  fields: Record<string, string>,
  receivedOn = '2026-11-20',
): Promise<string> {
  const result = validateForm(feedbackFormSchema({ today: calendarDate('2026-11-20') }), fields);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const saved = await saveFeedbackItem(services.store.db, services.keyring, result.data, {
    idempotencyKey: `k-${Math.random()}`,
    receivedOn: calendarDate(receivedOn),
    targets: { complaintAcknowledgeWorkingDays: 3, questionWorkingDays: 10 },
    formatDate: formatCalendarDate,
  });
  return saved.reference;
}

export const complaint = {
  type: 'complaint',
  aboutOwnRecord: 'no',
  message: 'CANARYMESSAGE the receptionist at Wyre Bridge was rude',
  replyBy: 'email',
  email: 'canary.complainer@example.com',
  name: 'Canaria Complainer',
};

export const rightsRequest = {
  type: 'rights-request',
  rightsRequest: 'see',
  message: 'x',
  replyBy: 'email',
  email: 'r@example.com',
  name: 'R',
  dateOfBirthDay: '1',
  dateOfBirthMonth: '2',
  dateOfBirthYear: '1970',
  postcode: 'AW9 1TH',
};

export const optOutFields = {
  who: 'self',
  fullName: 'Zebedee Canarywood',
  dateOfBirthDay: '7',
  dateOfBirthMonth: '9',
  dateOfBirthYear: '1958',
  nhsNumberKnown: 'yes',
  nhsNumber: '943 476 5919',
  addressLine1: '17 Canary Lane',
  town: 'Wyre Bridge',
  postcode: 'AW7 3RL',
  email: 'zebedee.canary@example.com',
  phone: '07700 900982',
  declaration: 'yes',
};

export async function addOptOut(
  services: Services,
  fields: Record<string, string> = optOutFields,
  options: { now?: Date; evidence?: boolean } = {},
): Promise<string> {
  const result = validateForm(optOutSchema({ today: calendarDate('2026-11-22'), requireDeclaration: true }), fields);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const upload = readEvidence('lpa.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]));
  if (!upload.ok) throw new Error('fixture');
  const saved = await saveOptOut(
    {
      db: services.store.db,
      keyring: services.keyring,
      settings: services.settings,
      now: () => options.now ?? new Date('2026-11-16T10:00:00Z'),
    },
    result.data,
    { idempotencyKey: `k-${Math.random()}`, evidence: options.evidence ? { upload: upload.upload } : null },
  );
  return saved.reference;
}

/** Every row of a table as JSON text, for "nothing in plain text" checks. */
export async function dumpTable(db: Database, table: string): Promise<string> {
  const result = await db.execute(sql.raw(`select * from ${table}`));
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return JSON.stringify(rows);
}

export async function auditActions(db: Database) {
  const rows = await db.select().from(staffAuditLog).orderBy(staffAuditLog.id);
  return rows.map((row) => ({
    action: row.action,
    actorId: row.actorId,
    subjectRef: row.subjectRef,
    detail: row.detail,
  }));
}
