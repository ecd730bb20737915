import { bigint, bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The record platform's demographic match files, one row per file accepted (issue 19). The
 * SHA-256 of the file's bytes is unique, so the same file uploaded twice is recognised and
 * changes nothing the second time (and two uploads of one file at once cannot both commit).
 */
export const optOutMatchUploads = pgTable('opt_out_match_uploads', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** Hex SHA-256 of the file exactly as uploaded. */
  sha256: text('sha256').notNull().unique(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  /** The IG officer who uploaded it (staff_users.id). */
  uploadedBy: bigint('uploaded_by', { mode: 'number' }).notNull(),
  /** Rows in the file. */
  rowCount: integer('row_count').notNull(),
  /** Requests moved to "identity checked" by this file. */
  checked: integer('checked').notNull(),
  /** Rows that did not match on all four and went to the exceptions list. */
  exceptions: integer('exceptions').notNull(),
  /** Rows whose request was already "identity checked", left as they were. */
  skipped: integer('skipped').notNull(),
});

/**
 * One row per line of an accepted match file: what the platform said about one request. The
 * exceptions list is read from here (rows with reasons whose request still waits for an identity
 * check); the practice code is kept so later work can group by practice. No personal data: the
 * platform's yes or no per field, never the values it compared.
 */
export const optOutMatchRows = pgTable(
  'opt_out_match_rows',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    uploadId: bigint('upload_id', { mode: 'number' })
      .notNull()
      .references(() => optOutMatchUploads.id),
    /** opt_out_requests.id */
    requestId: bigint('request_id', { mode: 'number' }).notNull(),
    /** checked: moved to identity checked; exception: left for an officer; skipped: already checked. */
    outcome: text('outcome', { enum: ['checked', 'exception', 'skipped'] }).notNull(),
    /** What did not match: nhs-number, date-of-birth, name, postcode (empty for a clear match). */
    mismatches: text('mismatches').array().notNull(),
    /** The GP practice's ODS code the platform found, if any. */
    practiceCode: text('practice_code'),
  },
  (table) => [
    index('opt_out_match_rows_request_idx').on(table.requestId),
    index('opt_out_match_rows_upload_idx').on(table.uploadId, table.outcome),
  ],
);

export type OptOutMatchUpload = typeof optOutMatchUploads.$inferSelect;
