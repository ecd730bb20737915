import { eq } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { LINK_VALID_DAYS } from '../../domain/opt-out.ts';
import { formatReference, generateReference, type Reference } from '../../domain/reference.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../i18n/languages.ts';
import type { OptOutAnswers } from '../../schemas/forms/opt-out.ts';
import type { SettingsData } from '../../schemas/settings.ts';
import { encryptField, encryptJson, type Keyring } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Database } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { optOutRequests, optOutTokens } from '../db/opt-out-schema.ts';
import { outboxMessages } from '../db/schema.ts';
import { outboxRow } from '../mail/outbox.ts';
import { type EvidenceUpload, storeEvidence } from './evidence.ts';
import { insertRequestAtOnce, type RequestRow } from './insert-statement.ts';
import { nhsNumberLookup, statusLookup } from './lookups.ts';
import { hashToken, newToken } from './tokens.ts';

export interface OptOutDeps {
  db: Database;
  keyring: Keyring;
  settings: SettingsData;
  now?: () => Date;
}

/** Where the evidence comes from: a file sent with this call, a draft's file, or none. */
export type EvidenceSource = { upload: EvidenceUpload } | { draftId: string } | null;

export interface SubmitResult {
  reference: Reference;
  /** Whether the request has an email address (so the confirmation page can say an email is on its way). */
  hasEmail: boolean;
  /** False when this was a repeat of an earlier submission (same idempotency key). */
  created: boolean;
}

/** The reference already given for this idempotency key, if any. */
export async function findByIdempotencyKey(
  db: Database,
  idempotencyKey: string,
): Promise<Omit<SubmitResult, 'created'> | undefined> {
  const [row] = await db
    .select({ reference: optOutRequests.reference, hasEmail: optOutRequests.hasEmail })
    .from(optOutRequests)
    .where(eq(optOutRequests.idempotencyKey, idempotencyKey))
    .limit(1);
  // References are written only by saveOptOut, from generateReference.
  return row ? { reference: row.reference as Reference, hasEmail: row.hasEmail } : undefined;
}

/**
 * Saves a request the GOV.UK Forms way: validate (done by the caller) → make a reference → ONE
 * transaction holding the request, its evidence, its link token and its emails → commit. Only
 * then may the caller show the reference. A repeat of the same idempotency key returns the first
 * reference and writes nothing. Database errors propagate: the caller says "nothing was recorded".
 */
export interface SaveOptions {
  idempotencyKey: string;
  evidence: EvidenceSource;
  /** The language of the form: stored with the request, and its emails are written in it. English by default. */
  lang?: Language;
}

export async function saveOptOut(
  deps: OptOutDeps,
  answers: OptOutAnswers,
  options: SaveOptions,
): Promise<SubmitResult> {
  // No read-before-write: the insert skips a known idempotency key (ON CONFLICT DO NOTHING) and
  // only then is the first request read, which saves a round trip on every new submission.
  for (let attempt = 0; ; attempt += 1) {
    const reference = generateReference();
    try {
      const saved = await insertRequest(deps, answers, reference, options);
      if (saved) return { reference, hasEmail: answers.contact.email !== null, created: true };
      // Another submission with the same key committed first (a double click racing itself).
      const first = await findByIdempotencyKey(deps.db, options.idempotencyKey);
      if (first) return { ...first, created: false };
      throw new Error('A conflicting opt-out request vanished before it could be read');
    } catch (error) {
      // Two random references colliding is a one-in-billions event, but the database decides.
      if (attempt < 3 && isUniqueViolation(error, 'opt_out_requests_reference_unique')) continue;
      throw error;
    }
  }
}

async function insertRequest(
  deps: OptOutDeps,
  answers: OptOutAnswers,
  reference: Reference,
  options: SaveOptions,
): Promise<boolean> {
  const now = deps.now?.() ?? new Date();
  const lang = options.lang ?? DEFAULT_LANGUAGE;
  const values = { ...requestRow(deps.keyring, answers, reference, options.idempotencyKey, now), language: lang };
  const confirmation = answers.contact.email
    ? confirmationRows(deps, answers.contact.email, reference, now, lang)
    : undefined;
  const evidence = options.evidence;
  // The browser's "Send request" (a draft) and the usual API call (no file) are one statement,
  // group-committed; only a file sent with an API call needs a transaction, because the file is
  // encrypted under its own row id, which is taken from the database first.
  if (!evidence || 'draftId' in evidence) {
    const draft = evidence ? { draftId: evidence.draftId, keepEvidence: answers.applicant !== null } : undefined;
    return insertRequestAtOnce(deps.db, { row: values, confirmation, draft });
  }
  const upload = answers.applicant ? evidence.upload : undefined;

  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(optOutRequests)
      .values(values)
      .onConflictDoNothing({ target: optOutRequests.idempotencyKey })
      .returning({ id: optOutRequests.id });
    if (!row) return false;
    if (upload) await storeEvidence(tx, deps.keyring, { requestId: row.id }, upload);
    if (confirmation) {
      await tx.insert(optOutTokens).values({ ...confirmation.token, requestId: row.id });
      await tx
        .insert(outboxMessages)
        .values(confirmation.email)
        .onConflictDoNothing({ target: outboxMessages.dedupeKey });
    }
    return true;
  });
}

/** The request's row: every personal value encrypted, HMACs for finding it again. */
function requestRow(
  keyring: Keyring,
  answers: OptOutAnswers,
  reference: Reference,
  idempotencyKey: string,
  now: Date,
): Omit<RequestRow, 'language'> {
  const { patient, contact, applicant } = answers;
  // Each value is bound to its column and to the reference, which exists before the row does.
  const enc = (column: PgColumn, value: string) => encryptField(keyring, value, slotOf(column, reference));
  const encOrNull = (column: PgColumn, value: string | null) => (value === null ? null : enc(column, value));
  const json = (column: PgColumn, value: unknown) => encryptJson(keyring, value, slotOf(column, reference));
  return {
    reference,
    idempotencyKey,
    route: answers.route,
    status: 'received' as const,
    statusChangedAt: now,
    receivedAt: now,
    nhsNumberHmac: patient.nhsNumber ? nhsNumberLookup(keyring, patient.nhsNumber) : null,
    statusLookupHmac: statusLookup(keyring, reference, patient.dateOfBirth),
    patientNameEncrypted: enc(optOutRequests.patientNameEncrypted, patient.fullName),
    patientDateOfBirthEncrypted: enc(optOutRequests.patientDateOfBirthEncrypted, patient.dateOfBirth),
    patientNhsNumberEncrypted: encOrNull(optOutRequests.patientNhsNumberEncrypted, patient.nhsNumber),
    patientAddressEncrypted: json(optOutRequests.patientAddressEncrypted, patient.address),
    applicantEncrypted: applicant ? json(optOutRequests.applicantEncrypted, applicant) : null,
    contactEmailEncrypted: encOrNull(optOutRequests.contactEmailEncrypted, contact.email),
    contactPhoneEncrypted: encOrNull(optOutRequests.contactPhoneEncrypted, contact.phone),
    hasEmail: contact.email !== null,
  };
}

/** With an email address: the confirmation link's token and the "we received it" email. */
function confirmationRows(deps: OptOutDeps, email: string, reference: Reference, now: Date, lang: Language) {
  const token = newToken();
  return {
    token: {
      tokenHash: hashToken(token),
      purpose: 'confirm-contact' as const,
      expiresAt: new Date(now.getTime() + LINK_VALID_DAYS * 86_400_000),
    },
    email: outboxRow(deps.keyring, {
      dedupeKey: `opt-out:${formatReference(reference)}:received`,
      to: email,
      template: 'opt-out-received',
      params: {
        reference,
        token,
        days: String(deps.settings.responseTargets.optOutWorkingDays),
        phone: deps.settings.contact.phone,
        lang,
      },
    }),
  };
}
