import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { STAFF_ACCOUNT_STATUSES } from '../../domain/staff.ts';
import { feedbackItems } from './feedback-schema.ts';
import { optOutRequests } from './opt-out-schema.ts';

/**
 * Staff accounts for the back office. The email address is personal data, so it is encrypted
 * at field level; an HMAC of the normalised address finds the account at sign-in.
 * There are no default accounts: the first admin is created from the command line.
 */
export const staffUsers = pgTable('staff_users', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** HMAC of the lower-cased email address: how sign-in finds the account. */
  emailHmac: text('email_hmac').notNull().unique(),
  emailEncrypted: text('email_encrypted').notNull(),
  nameEncrypted: text('name_encrypted').notNull(),
  /** comms, ig and/or admin (src/domain/staff.ts). */
  roles: text('roles').array().notNull(),
  status: text('status', { enum: STAFF_ACCOUNT_STATUSES }).notNull().default('invited'),
  /** scrypt hash in PHC-like form; null until the set-up link is used. */
  passwordHash: text('password_hash'),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  /** The TOTP secret, encrypted; confirmed once the person has entered a first code. */
  totpSecretEncrypted: text('totp_secret_encrypted'),
  totpConfirmedAt: timestamp('totp_confirmed_at', { withTimezone: true }),
  /** The last TOTP time step accepted, so a code cannot be replayed within its window. */
  lastTotpStep: bigint('last_totp_step', { mode: 'number' }),
  /** Failed sign-ins since the last success: drives slow-down and temporary lock-out. */
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** The admin who created the account; null for the first admin (command line). */
  createdBy: bigint('created_by', { mode: 'number' }),
});

/** Single-use links for setting up an account or resetting credentials; only the SHA-256 is stored. */
export const staffSetupTokens = pgTable('staff_setup_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: bigint('user_id', { mode: 'number' })
    .notNull()
    .references(() => staffUsers.id, { onDelete: 'cascade' }),
  purpose: text('purpose', { enum: ['set-up', 'reset'] }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** One-time recovery codes for when the authenticator app is lost; only hashes are stored. */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('staff_recovery_codes_user_idx').on(table.userId)],
);

/**
 * Sessions, in the database so they hold across function instances. The cookie carries a random
 * token; only its SHA-256 is stored here. A session starts at the "password" stage and becomes
 * "active" only after the second factor.
 */
export const staffSessions = pgTable(
  'staff_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: ['password', 'totp-set-up', 'active'] }).notNull(),
    /** Secret for this session's CSRF tokens (synchroniser-token pattern). */
    csrfSecret: text('csrf_secret').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** 8 hours after sign-in, whatever the activity. */
    absoluteExpiresAt: timestamp('absolute_expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('staff_sessions_user_idx').on(table.userId)],
);

/**
 * The audit log: every sign-in, every view of a person's details, every change and every export.
 * Append-only — the migration adds a trigger that refuses UPDATE and DELETE, so not even the
 * application can rewrite history. It holds references and ids, never personal data.
 */
export const staffAuditLog = pgTable(
  'staff_audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** The member of staff; null for the command line or a failed sign-in to an unknown account. */
    actorId: bigint('actor_id', { mode: 'number' }),
    /** e.g. "sign-in", "sign-in-failed", "feedback.view", "opt-out.status", "opt-out.export". */
    action: text('action').notNull(),
    /** e.g. "feedback", "opt-out", "staff-user", "export". */
    subjectType: text('subject_type'),
    /** A reference or id, never a name or other personal data. */
    subjectRef: text('subject_ref'),
    /** Extra facts (old and new status, row counts). Never personal data. */
    detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  },
  (table) => [
    index('staff_audit_log_at_idx').on(table.at),
    index('staff_audit_log_subject_idx').on(table.subjectType, table.subjectRef),
  ],
);

/** Internal notes staff add to a feedback item (encrypted: they may describe the person). */
export const feedbackNotes = pgTable(
  'feedback_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: bigint('item_id', { mode: 'number' })
      .notNull()
      .references(() => feedbackItems.id, { onDelete: 'cascade' }),
    authorId: bigint('author_id', { mode: 'number' }).notNull(),
    noteEncrypted: text('note_encrypted').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('feedback_notes_item_idx').on(table.itemId)],
);

/**
 * Each step an opt-out request takes in staff hands (and the person's own confirmations), so the
 * history is visible on the request and reports can count per week.
 */
export const optOutEvents = pgTable(
  'opt_out_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => optOutRequests.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** Null when the person did it (confirming a link). */
    actorId: bigint('actor_id', { mode: 'number' }),
    /** How identity was checked, why it was rejected…: encrypted, it may describe the person. */
    noteEncrypted: text('note_encrypted'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('opt_out_events_request_idx').on(table.requestId), index('opt_out_events_at_idx').on(table.at)],
);
