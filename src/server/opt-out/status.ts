import { and, eq, gt, sql } from 'drizzle-orm';
import { canWithdraw, LINK_VALID_DAYS, type OptOutStatus } from '../../domain/opt-out.ts';
import { nextStep } from '../../domain/opt-out-transitions.ts';
import type { Reference } from '../../domain/reference.ts';
import { languageOr } from '../../i18n/languages.ts';
import type { OptOutStatusQuery } from '../../schemas/forms/opt-out-status.ts';
import { decryptField } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import { optOutRequests, optOutTokens } from '../db/opt-out-schema.ts';
import { optOutEvents } from '../db/staff-schema.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { stateOf } from '../staff/opt-outs/requests.ts';
import { statusLookup } from './lookups.ts';
import type { OptOutDeps } from './submit.ts';
import { hashToken, newToken, sameDigest } from './tokens.ts';

/** What the status page may show: the status and its dates, nothing the person typed. */
export interface StatusView {
  reference: Reference;
  status: OptOutStatus;
  receivedAt: Date;
  contactConfirmedAt: Date | null;
  identityCheckedAt: Date | null;
  appliedAt: Date | null;
  withdrawalRequestedAt: Date | null;
  withdrawnAt: Date | null;
}

/**
 * Finds a request by reference and date of birth. An unknown reference and a wrong date of birth
 * give the same `undefined`, after the same work (one indexed read, one HMAC), so the answer does
 * not tell anyone which references exist. Nothing is decrypted.
 */
export async function findStatus(deps: OptOutDeps, query: OptOutStatusQuery): Promise<StatusView | undefined> {
  const expected = statusLookup(deps.keyring, query.reference, query.dateOfBirth);
  const [row] = await deps.db
    .select()
    .from(optOutRequests)
    .where(eq(optOutRequests.reference, query.reference))
    .limit(1);
  const stored = row?.statusLookupHmac ?? '0'.repeat(64);
  if (!sameDigest(stored, expected) || !row) return undefined;
  return {
    reference: query.reference,
    status: row.status,
    receivedAt: row.receivedAt,
    contactConfirmedAt: row.contactConfirmedAt,
    identityCheckedAt: row.identityCheckedAt,
    appliedAt: row.appliedAt,
    withdrawalRequestedAt: row.withdrawalRequestedAt,
    withdrawnAt: row.withdrawnAt,
  };
}

export type WithdrawalOutcome = 'not-found' | 'already-withdrawn' | 'email-sent' | 'staff-will-call';

/**
 * Someone with the reference and date of birth asks to opt back in. It is confirmed the same way
 * as the opt-out: by a link sent to the email on the request, or, with no email, by staff calling
 * the phone number on it. Either way nobody can opt someone back in unnoticed.
 */
export async function requestWithdrawal(deps: OptOutDeps, query: OptOutStatusQuery): Promise<WithdrawalOutcome> {
  const view = await findStatus(deps, query);
  if (!view) return 'not-found';
  if (!canWithdraw(view.status)) return 'already-withdrawn';
  const now = deps.now?.() ?? new Date();
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(optOutRequests)
      .set({ withdrawalRequestedAt: now })
      .where(eq(optOutRequests.reference, query.reference))
      .returning({
        id: optOutRequests.id,
        email: optOutRequests.contactEmailEncrypted,
        language: optOutRequests.language,
      });
    if (!row) return 'not-found';
    if (!row.email) return 'staff-will-call';
    const token = newToken();
    await tx.insert(optOutTokens).values({
      tokenHash: hashToken(token),
      requestId: row.id,
      purpose: 'withdraw',
      expiresAt: new Date(now.getTime() + LINK_VALID_DAYS * 86_400_000),
    });
    await enqueueEmail(tx, deps.keyring, {
      // One email per ask: asking again sends a fresh link (the earlier one still works until it expires).
      dedupeKey: `opt-out:${query.reference}:withdraw:${hashToken(token).slice(0, 16)}`,
      to: decryptField(deps.keyring, row.email, slotOf(optOutRequests.contactEmailEncrypted, query.reference)),
      template: 'opt-out-withdraw',
      // In the language the request was made in, whichever page asked to withdraw.
      params: { reference: query.reference, token, phone: deps.settings.contact.phone, lang: languageOr(row.language) },
    });
    return 'email-sent';
  });
}

/** The request a link is for, if the token is known, for its purpose, and not expired. */
export async function findToken(
  deps: OptOutDeps,
  token: string,
  purpose: 'confirm-contact' | 'withdraw',
): Promise<{ requestId: number; reference: Reference; status: OptOutStatus; usedAt: Date | null } | undefined> {
  const now = deps.now?.() ?? new Date();
  const [row] = await deps.db
    .select({
      requestId: optOutTokens.requestId,
      reference: optOutRequests.reference,
      status: optOutRequests.status,
      usedAt: optOutTokens.usedAt,
    })
    .from(optOutTokens)
    .innerJoin(optOutRequests, eq(optOutRequests.id, optOutTokens.requestId))
    .where(
      and(
        eq(optOutTokens.tokenHash, hashToken(token)),
        eq(optOutTokens.purpose, purpose),
        gt(optOutTokens.expiresAt, now),
      ),
    )
    .limit(1);
  return row ? { ...row, reference: row.reference as Reference } : undefined; // references are written by saveOptOut
}

/**
 * Marks the contact as confirmed. Clicking the link twice is harmless; the status only moves
 * forward from "received", never back from a later step.
 */
export async function confirmContact(deps: OptOutDeps, token: string): Promise<Reference | undefined> {
  const found = await findToken(deps, token, 'confirm-contact');
  if (!found) return undefined;
  const now = deps.now?.() ?? new Date();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(optOutTokens)
      .set({ usedAt: sql`coalesce(${optOutTokens.usedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(optOutTokens.tokenHash, hashToken(token)));
    await tx
      .update(optOutRequests)
      .set({
        contactConfirmedAt: sql`coalesce(${optOutRequests.contactConfirmedAt}, ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(optOutRequests.id, found.requestId));
    await tx
      .update(optOutRequests)
      .set({ status: 'contact-confirmed', statusChangedAt: now })
      .where(and(eq(optOutRequests.id, found.requestId), eq(optOutRequests.status, 'received')));
  });
  return found.reference;
}

/** What a withdrawal link did. */
export type WithdrawalConfirmation =
  | { outcome: 'withdrawn'; reference: Reference }
  /** The link was used before: links are single use. */
  | { outcome: 'used' }
  /** The request can no longer be withdrawn (staff rejected it, or it is already withdrawn). */
  | { outcome: 'not-open'; reference: Reference; status: OptOutStatus }
  /** Unknown, for another purpose, or expired. */
  | { outcome: 'invalid' };

/**
 * Applies a confirmed withdrawal: the request becomes "withdrawn". The link works once. The link
 * and the request are both locked and read again inside the transaction, and the same rule staff
 * use decides (src/domain/opt-out-transitions.ts): a request staff rejected after the email went,
 * or one already withdrawn, stays as it is. Two clicks at once withdraw it once.
 */
export async function confirmWithdrawal(deps: OptOutDeps, token: string): Promise<WithdrawalConfirmation> {
  const now = deps.now?.() ?? new Date();
  const tokenHash = hashToken(token);
  return deps.db.transaction(async (tx): Promise<WithdrawalConfirmation> => {
    const [link] = await tx
      .select({ requestId: optOutTokens.requestId, usedAt: optOutTokens.usedAt, expiresAt: optOutTokens.expiresAt })
      .from(optOutTokens)
      .where(and(eq(optOutTokens.tokenHash, tokenHash), eq(optOutTokens.purpose, 'withdraw')))
      .for('update');
    if (!link) return { outcome: 'invalid' };
    if (link.usedAt) return { outcome: 'used' };
    if (link.expiresAt <= now) return { outcome: 'invalid' };
    const [row] = await tx.select().from(optOutRequests).where(eq(optOutRequests.id, link.requestId)).for('update');
    if (!row) return { outcome: 'invalid' };
    const reference = row.reference as Reference; // written by saveOptOut
    const next = nextStep(stateOf(row), 'confirm-withdrawal');
    if (!next.ok) return { outcome: 'not-open', reference, status: row.status };
    await tx.update(optOutTokens).set({ usedAt: now }).where(eq(optOutTokens.tokenHash, tokenHash));
    await tx
      .update(optOutRequests)
      .set({ status: 'withdrawn', statusChangedAt: now, withdrawnAt: now })
      .where(eq(optOutRequests.id, row.id));
    // In the request's history beside staff steps; no actor: the person did it by their link.
    await tx
      .insert(optOutEvents)
      .values({ requestId: row.id, fromStatus: row.status, toStatus: 'withdrawn', actorId: null, at: now });
    return { outcome: 'withdrawn', reference };
  });
}
