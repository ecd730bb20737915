import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { decryptField, lookupHmac } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import { staffUsers } from '../../db/staff-schema.ts';
import { kickOutbox } from '../../mail/outbox-timer.ts';
import type { Services } from '../../services.ts';
import { type AuditEvent, withAudit } from '../audit.ts';
import { findAccountRow, findAccountRowByEmail } from './accounts.ts';
import { clearFailures, countFailure, isLocked } from './lockout.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { redeemRecoveryCode } from './recovery-codes.ts';
import { checkTotp } from './totp.ts';

/**
 * The two steps of signing in. Every outcome is audited by account id — or, for an address with
 * no account, by an HMAC of it, so repeated guesses can be seen without storing what was typed.
 * A wrong address, a wrong password, a disabled or locked account all look the same to the
 * person signing in (no account enumeration), and all cost the same scrypt work.
 */
export type StepResult = { ok: true; userId: number } | { ok: false };

/**
 * A failed step, audited; with `counted`, also counted towards the account's lock (lockout.ts),
 * in the same transaction as its entry. An email the lock queued goes once that has committed.
 */
async function failedStep(
  services: Services,
  now: Date,
  entry: { actorId: number | null; detail: NonNullable<AuditEvent['detail']> },
  counted: number | undefined,
): Promise<{ ok: false }> {
  const locked = await withAudit(
    services.store.db,
    async (tx) => (counted === undefined ? false : countFailure(tx, services.keyring, counted, now)),
    () => ({ ...entry, action: 'sign-in.failed' }),
    now,
  );
  if (locked) kickOutbox();
  return { ok: false };
}

export async function checkPasswordStep(
  services: Services,
  input: { email: string; password: string },
  now: Date,
): Promise<StepResult> {
  const { db } = services.store;
  const row = await findAccountRowByEmail({ db, keyring: services.keyring }, input.email);
  const matches = await verifyPassword(input.password, row?.passwordHash ?? (await dummyHash()));
  // countFailure counts nothing while the account is locked (lockout.ts).
  const fail = (reason: string) =>
    failedStep(
      services,
      now,
      {
        actorId: row?.id ?? null,
        detail: {
          stage: 'password',
          reason,
          ...(row
            ? {}
            : {
                emailHmac: lookupHmac(services.keyring, `audit-email:${input.email.trim().toLowerCase()}`).slice(0, 16),
              }),
        },
      },
      row?.id,
    );
  if (!row) return fail('unknown-account');
  if (row.status !== 'active' || !row.totpConfirmedAt) return fail(`account-${row.status}`);
  if (isLocked(row.lockedUntil, now)) return fail('locked');
  if (!row.passwordHash || !matches) return fail('wrong-password');
  if (needsRehash(row.passwordHash)) {
    await db
      .update(staffUsers)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(eq(staffUsers.id, row.id));
  }
  return { ok: true, userId: row.id };
}

/**
 * Checks an authenticator code and uses its time step up, so it never works twice. The step is
 * claimed only if no request has used it (or a later one) meanwhile: two requests with the same
 * code, checked side by side, both pass checkTotp, but only one row update can match.
 */
export async function claimTotpCode(
  services: Services,
  row: { id: number; totpSecretEncrypted: string | null; lastTotpStep: number | null },
  code: string,
  now: Date,
): Promise<boolean> {
  if (!row.totpSecretEncrypted) return false;
  const slot = slotOf(staffUsers.totpSecretEncrypted, row.id);
  const secret = decryptField(services.keyring, row.totpSecretEncrypted, slot);
  const step = await checkTotp(secret, code, { now, lastStep: row.lastTotpStep });
  if (step === undefined) return false;
  const claimed = await services.store.db
    .update(staffUsers)
    .set({ lastTotpStep: step })
    .where(and(eq(staffUsers.id, row.id), or(isNull(staffUsers.lastTotpStep), lt(staffUsers.lastTotpStep, step))))
    .returning({ id: staffUsers.id });
  return claimed.length > 0;
}

/** The second step: a TOTP code (not replayed) or an unused recovery code. */
export async function checkCodeStep(
  services: Services,
  userId: number,
  code: string,
  now: Date,
): Promise<StepResult & { method?: 'totp' | 'recovery-code' }> {
  const { db } = services.store;
  const row = await findAccountRow(db, userId);
  if (row?.status !== 'active' || !row.totpSecretEncrypted || isLocked(row.lockedUntil, now)) {
    return failedStep(
      services,
      now,
      { actorId: userId, detail: { stage: 'code', reason: 'locked-or-disabled' } },
      undefined,
    );
  }
  if (await claimTotpCode(services, row, code, now)) return { ok: true, userId, method: 'totp' };
  if (/[A-Za-z]/.test(code) && (await redeemRecoveryCode(db, userId, code, now))) {
    return { ok: true, userId, method: 'recovery-code' };
  }
  return failedStep(services, now, { actorId: userId, detail: { stage: 'code', reason: 'wrong-code' } }, userId);
}

/** After both steps: the failure count resets and the sign-in is recorded, in one transaction. */
export function completeSignIn(
  services: Services,
  userId: number,
  method: 'totp' | 'recovery-code',
  now: Date,
): Promise<void> {
  return withAudit(
    services.store.db,
    async (tx) => {
      await clearFailures(tx, userId);
      await tx.update(staffUsers).set({ lastSignInAt: now }).where(eq(staffUsers.id, userId));
    },
    () => ({ actorId: userId, action: 'sign-in', detail: { method } }),
    now,
  );
}
