import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { OPT_OUT_ROUTES, OPT_OUT_STATUSES } from '../../domain/opt-out.ts';

/**
 * Each CSV sent to GP systems. A batch takes every change not yet in one, so nothing is missed
 * however the exports fall in time, and a past batch can be downloaded again with the same rows.
 */
export const optOutExportBatches = pgTable('opt_out_export_batches', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** The member of staff who made it (staff_users.id). */
  createdBy: bigint('created_by', { mode: 'number' }).notNull(),
  /** How many rows (people) it holds. */
  rowCount: integer('row_count').notNull(),
  /** The GP practice (ODS code) it was cut for; null for every practice (issue 19). */
  practiceCode: text('practice_code'),
});

/**
 * Opt-out requests. Every personal value is encrypted at field level (columns ending
 * `_encrypted`, see src/server/crypto); what is in plain text is only what staff need to sort
 * and count (route, status, dates) and keyed HMACs for finding rows without decrypting.
 */
export const optOutRequests = pgTable(
  'opt_out_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The 8-character reference the person was given. */
    reference: text('reference').notNull().unique(),
    /** HMAC of the submission's idempotency key: a double submit finds the first request. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** self, child, lpa or deputy (src/domain/opt-out.ts). */
    route: text('route', { enum: OPT_OUT_ROUTES }).notNull(),
    /** received → contact-confirmed → identity-checked → applied, or withdrawn. */
    status: text('status', { enum: OPT_OUT_STATUSES }).notNull().default('received'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** HMAC of the normalised NHS number: finds earlier requests for the same person. Null if not known. */
    nhsNumberHmac: text('nhs_number_hmac'),
    /** HMAC of reference + date of birth: the status check compares this, never decrypting anything. */
    statusLookupHmac: text('status_lookup_hmac').notNull(),
    patientNameEncrypted: text('patient_name_encrypted').notNull(),
    patientDateOfBirthEncrypted: text('patient_date_of_birth_encrypted').notNull(),
    patientNhsNumberEncrypted: text('patient_nhs_number_encrypted'),
    /** JSON { line1, line2, town, postcode }, encrypted. */
    patientAddressEncrypted: text('patient_address_encrypted').notNull(),
    /** JSON { name, relationship } of the person asking for someone else, encrypted. */
    applicantEncrypted: text('applicant_encrypted'),
    contactEmailEncrypted: text('contact_email_encrypted'),
    contactPhoneEncrypted: text('contact_phone_encrypted'),
    /** Whether an email address was given (so confirmation can go by email) without decrypting it. */
    hasEmail: boolean('has_email').notNull(),
    /** The language of the form the person used (en, pl, ur): every email about the request is in it. */
    language: text('language').notNull().default('en'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    contactConfirmedAt: timestamp('contact_confirmed_at', { withTimezone: true }),
    identityCheckedAt: timestamp('identity_checked_at', { withTimezone: true }),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    /** The person asked to withdraw; staff confirm by phone when there is no email. */
    withdrawalRequestedAt: timestamp('withdrawal_requested_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** The member of staff handling it (staff_users.id), if assigned. */
    assignedTo: bigint('assigned_to', { mode: 'number' }),
    /** The day staff applied the objection in the clinical systems (code 416409005). */
    appliedOn: date('applied_on', { mode: 'string' }),
    /** The day staff removed the objection after a withdrawal (code 417528008). */
    withdrawalAppliedOn: date('withdrawal_applied_on', { mode: 'string' }),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    /** Why the request was rejected, as the person is told; encrypted, it may describe them. */
    rejectionReasonEncrypted: text('rejection_reason_encrypted'),
    /** The GP practice's ODS code, from the record platform's latest match file; null until one says. */
    practiceCode: text('practice_code'),
    /** When the retention job removed everything but what proves the choice (HMAC, dates, status). */
    personalDataDeletedAt: timestamp('personal_data_deleted_at', { withTimezone: true }),
    // objection_batch_id and withdrawal_batch_id (and their indexes) are still in the database:
    // before migration 0016 they said which GP-systems batch carried each change, which
    // opt_out_batch_requests now holds. They are left out here so this code never names them
    // (Drizzle names every column it knows in its selects and inserts), which lets the next
    // release's migration copy what older code stamped there into that table and then drop them
    // while this release still runs. Until then `npm run db:generate` proposes those drops: that
    // is that migration, with the copy written first (docs/staff-queues.md).
  },
  (table) => [
    index('opt_out_requests_nhs_idx').on(table.nhsNumberHmac),
    index('opt_out_requests_status_idx').on(table.status, table.statusChangedAt),
    // The work list's keyset order (oldest first, id breaking ties): "the page after this row"
    // is one index seek, so page 1,000 costs what page 1 does (src/server/staff/opt-outs/queue-query.ts).
    index('opt_out_requests_queue_idx').on(table.receivedAt, table.id),
  ],
);

/**
 * Which batch carried each change to the GP systems (issue 19): one narrow row per request and
 * change, so making a batch of 50,000 is an INSERT of small rows rather than a new version of
 * 50,000 wide requests with an entry in each of their indexes. The key on (request, change) is
 * what keeps a change in exactly one batch: a second export at the same moment waits on the
 * first's uncommitted rows, then skips them (export-batches.ts). A request can be in two batches:
 * its objection, then its removal.
 *
 * No foreign key to opt_out_requests: its check would lock each request the batch takes (a write
 * to every wide row, the cost this table removes), and requests are never deleted (the retention
 * job blanks their personal fields and keeps the row).
 *
 * Before it, two columns of opt_out_requests held the batches. Migration 0016 copied them here and
 * kept them for older code; the code no longer names them (see opt_out_requests).
 */
export const optOutBatchRequests = pgTable(
  'opt_out_batch_requests',
  {
    /** The request (opt_out_requests.id). */
    requestId: bigint('request_id', { mode: 'number' }).notNull(),
    /** The batch that carried the change. */
    batchId: bigint('batch_id', { mode: 'number' })
      .notNull()
      .references(() => optOutExportBatches.id),
    /** objection: applied (code 416409005); withdrawal: removed after a withdrawal (code 417528008). */
    change: text('change', { enum: ['objection', 'withdrawal'] }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.requestId, table.change] }),
    index('opt_out_batch_requests_batch_idx').on(table.batchId),
  ],
);

/**
 * Single-use links sent by email: confirming the contact address, confirming a withdrawal.
 * Only the SHA-256 of the token is stored, so a copy of the database cannot be used to click them.
 */
export const optOutTokens = pgTable('opt_out_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  requestId: bigint('request_id', { mode: 'number' })
    .notNull()
    .references(() => optOutRequests.id, { onDelete: 'cascade' }),
  purpose: text('purpose', { enum: ['confirm-contact', 'withdraw'] }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Answers between the first page and "Send request" (check your answers, change), so that
 * nothing personal travels in URLs and an evidence file is uploaded once. The id is the SHA-256
 * of a random token kept in an HttpOnly cookie. Deleted when sent, or after 2 hours.
 */
export const optOutDrafts = pgTable('opt_out_drafts', {
  id: text('id').primaryKey(),
  /** The raw fields as typed, encrypted JSON, so "Change" shows exactly what was entered. */
  fieldsEncrypted: text('fields_encrypted').notNull(),
  /** A random UUID: the final "Send request" form carries it, so pressing it twice sends once. */
  submissionKey: text('submission_key').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * Evidence files from proxies: encrypted bytes, never served publicly. Belongs to a draft
 * until the request is sent, then to the request.
 */
export const optOutEvidence = pgTable(
  'opt_out_evidence',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    draftId: text('draft_id').references(() => optOutDrafts.id, { onDelete: 'cascade' }),
    requestId: bigint('request_id', { mode: 'number' }).references(() => optOutRequests.id, { onDelete: 'cascade' }),
    /** The type read from the file's bytes: application/pdf, image/jpeg or image/png. */
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    fileNameEncrypted: text('file_name_encrypted').notNull(),
    /** The file as base64, encrypted. */
    dataEncrypted: text('data_encrypted').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('opt_out_evidence_draft_idx').on(table.draftId).where(sql`draft_id is not null`),
    index('opt_out_evidence_request_idx').on(table.requestId),
  ],
);
