import { asc, eq, inArray, like, or } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decryptField, decryptJson, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database } from '../../db/client.ts';
import { feedbackItems } from '../../db/feedback-schema.ts';
import { optOutEvidence, optOutRequests } from '../../db/opt-out-schema.ts';
import { outboxMessages } from '../../db/schema.ts';
import { feedbackNotes, optOutEvents } from '../../db/staff-schema.ts';
import { DELETED_VALUE } from '../../retention.ts';
import { findLinked } from './linked.ts';

/** Decrypts a personal value; null where there was none or the retention job deleted it. */
const opener = (keyring: Keyring) => ({
  text: (column: PgColumn, row: string | number, value: string | null) =>
    value === null || value === DELETED_VALUE ? null : decryptField(keyring, value, slotOf(column, row)),
  json: (column: PgColumn, row: string | number, value: string | null) =>
    value === null || value === DELETED_VALUE ? null : decryptJson(keyring, value, slotOf(column, row)),
});

/**
 * The opt-out requests the file holds: the one whose reference the person gave, and those linked
 * to it by NHS number that an IG officer has opened and included (linked.ts); every linked one is
 * listed, without its personal data, with the decision taken on it.
 */
async function findOptOuts(db: Database, reference: string) {
  const [searched] = await db.select().from(optOutRequests).where(eq(optOutRequests.reference, reference));
  if (!searched) return { requests: [], linked: [] };
  const linked = await findLinked(db, searched);
  const included = linked.filter((entry) => entry.summary.decision === 'include').map((entry) => entry.row);
  return { requests: [searched, ...included], linked: linked.map((entry) => entry.summary) };
}

/** Emails queued for these references (their dedupe keys start "<area>:<reference>:"), without their links. */
async function findEmails(db: Database, keyring: Keyring, prefixes: string[]) {
  if (prefixes.length === 0) return [];
  const open = opener(keyring);
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(or(...prefixes.map((prefix) => like(outboxMessages.dedupeKey, `${prefix}%`))))
    .orderBy(asc(outboxMessages.createdAt));
  return rows.map((row) => ({
    key: row.dedupeKey,
    template: row.template,
    status: row.status,
    to: open.text(outboxMessages.recipientEncrypted, row.dedupeKey, row.recipientEncrypted),
    queuedAt: row.createdAt,
    sentAt: row.sentAt,
  }));
}

const byKey = <T extends { key: string }>(emails: T[], prefix: string) =>
  emails.filter((email) => email.key.startsWith(prefix)).map(({ key: _key, ...email }) => email);

/**
 * Everything held about a person under one reference, decrypted, for a subject-access response
 * (UK GDPR Art. 15): the opt-out request with each step, the evidence sent (listed, not the
 * files) and the emails sent, plus the linked requests an officer included; or the feedback item
 * with staff notes and emails. Confirmation links inside emails are left out: they are keys, not
 * information about the person.
 */
export async function collectSubjectData(db: Database, keyring: Keyring, reference: string) {
  const open = opener(keyring);
  const { requests, linked } = await findOptOuts(db, reference);
  const items = await db.select().from(feedbackItems).where(eq(feedbackItems.reference, reference));
  const requestIds = requests.map((request) => request.id);
  const itemIds = items.map((item) => item.id);
  const [events, evidence, notes, emails] = await Promise.all([
    requestIds.length === 0
      ? []
      : db.select().from(optOutEvents).where(inArray(optOutEvents.requestId, requestIds)).orderBy(asc(optOutEvents.at)),
    requestIds.length === 0
      ? []
      : db
          .select({
            id: optOutEvidence.id,
            requestId: optOutEvidence.requestId,
            fileNameEncrypted: optOutEvidence.fileNameEncrypted,
            contentType: optOutEvidence.contentType,
            byteSize: optOutEvidence.byteSize,
            uploadedAt: optOutEvidence.uploadedAt,
          })
          .from(optOutEvidence)
          .where(inArray(optOutEvidence.requestId, requestIds)),
    itemIds.length === 0
      ? []
      : db
          .select()
          .from(feedbackNotes)
          .where(inArray(feedbackNotes.itemId, itemIds))
          .orderBy(asc(feedbackNotes.createdAt)),
    findEmails(db, keyring, [
      ...requests.map((request) => `opt-out:${request.reference}:`),
      ...items.map((item) => `feedback:${item.reference}:`),
    ]),
  ]);

  return {
    linkedRequests: linked,
    optOutRequests: requests.map((request) => {
      const text = (column: PgColumn, value: string | null) => open.text(column, request.reference, value);
      const json = (column: PgColumn, value: string | null) => open.json(column, request.reference, value);
      return {
        reference: request.reference,
        route: request.route,
        status: request.status,
        patient: {
          name: text(optOutRequests.patientNameEncrypted, request.patientNameEncrypted),
          dateOfBirth: text(optOutRequests.patientDateOfBirthEncrypted, request.patientDateOfBirthEncrypted),
          nhsNumber: text(optOutRequests.patientNhsNumberEncrypted, request.patientNhsNumberEncrypted),
          address: json(optOutRequests.patientAddressEncrypted, request.patientAddressEncrypted),
        },
        applicant: json(optOutRequests.applicantEncrypted, request.applicantEncrypted),
        contact: {
          email: text(optOutRequests.contactEmailEncrypted, request.contactEmailEncrypted),
          phone: text(optOutRequests.contactPhoneEncrypted, request.contactPhoneEncrypted),
        },
        receivedAt: request.receivedAt,
        contactConfirmedAt: request.contactConfirmedAt,
        identityCheckedAt: request.identityCheckedAt,
        appliedAt: request.appliedAt,
        appliedOn: request.appliedOn,
        withdrawalRequestedAt: request.withdrawalRequestedAt,
        withdrawnAt: request.withdrawnAt,
        withdrawalAppliedOn: request.withdrawalAppliedOn,
        rejectedAt: request.rejectedAt,
        rejectionReason: text(optOutRequests.rejectionReasonEncrypted, request.rejectionReasonEncrypted),
        personalDataDeletedAt: request.personalDataDeletedAt,
        steps: events
          .filter((event) => event.requestId === request.id)
          .map((event) => ({
            from: event.fromStatus,
            to: event.toStatus,
            at: event.at,
            by: event.actorId === null ? 'the person' : 'staff',
            note: open.text(optOutEvents.noteEncrypted, event.id, event.noteEncrypted),
          })),
        evidence: evidence
          .filter((file) => file.requestId === request.id)
          .map((file) => ({
            fileName: open.text(optOutEvidence.fileNameEncrypted, file.id, file.fileNameEncrypted),
            contentType: file.contentType,
            bytes: file.byteSize,
            uploadedAt: file.uploadedAt,
          })),
        emails: byKey(emails, `opt-out:${request.reference}:`),
      };
    }),
    feedbackItems: items.map((item) => {
      const text = (column: PgColumn, value: string | null) => open.text(column, item.idempotencyKey, value);
      return {
        reference: item.reference,
        type: item.type,
        rightsRequest: item.rightsRequest,
        aboutOwnRecord: item.aboutOwnRecord,
        status: item.status,
        themes: item.themes,
        message: text(feedbackItems.messageEncrypted, item.messageEncrypted),
        topic: text(feedbackItems.topicEncrypted, item.topicEncrypted),
        name: text(feedbackItems.nameEncrypted, item.nameEncrypted),
        replyBy: item.replyBy,
        email: text(feedbackItems.emailEncrypted, item.emailEncrypted),
        phone: text(feedbackItems.phoneEncrypted, item.phoneEncrypted),
        postalAddress: open.json(
          feedbackItems.postalAddressEncrypted,
          item.idempotencyKey,
          item.postalAddressEncrypted,
        ),
        dateOfBirth: text(feedbackItems.dateOfBirthEncrypted, item.dateOfBirthEncrypted),
        postcode: text(feedbackItems.postcodeEncrypted, item.postcodeEncrypted),
        receivedOn: item.receivedOn,
        acknowledgeBy: item.acknowledgeBy,
        respondBy: item.respondBy,
        extensionMonths: item.extensionMonths,
        extensionReason: text(feedbackItems.extensionReasonEncrypted, item.extensionReasonEncrypted),
        acknowledgedAt: item.acknowledgedAt,
        answeredAt: item.answeredAt,
        closedAt: item.closedAt,
        personalDataDeletedAt: item.personalDataDeletedAt,
        staffNotes: notes
          .filter((note) => note.itemId === item.id)
          .map((note) => ({
            note: open.text(feedbackNotes.noteEncrypted, note.id, note.noteEncrypted),
            at: note.createdAt,
          })),
        emails: byKey(emails, `feedback:${item.reference}:`),
      };
    }),
  };
}

export type SubjectData = Awaited<ReturnType<typeof collectSubjectData>>;

/** Counts for the audit log and the page: never the data itself. */
export function countsOf(data: SubjectData) {
  return {
    optOutRequests: data.optOutRequests.length,
    optOutSteps: data.optOutRequests.reduce((sum, request) => sum + request.steps.length, 0),
    evidenceFiles: data.optOutRequests.reduce((sum, request) => sum + request.evidence.length, 0),
    feedbackItems: data.feedbackItems.length,
    linkedIncluded: data.linkedRequests.filter((request) => request.decision === 'include').length,
    linkedExcluded: data.linkedRequests.filter((request) => request.decision === 'exclude').length,
    staffNotes: data.feedbackItems.reduce((sum, item) => sum + item.staffNotes.length, 0),
    emails:
      data.optOutRequests.reduce((sum, request) => sum + request.emails.length, 0) +
      data.feedbackItems.reduce((sum, item) => sum + item.emails.length, 0),
  };
}
