import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { decryptField, lookupHmac } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import { staffUsers } from '../../db/staff-schema.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit.ts';
import { findAccountRow, findAccountRowByEmail } from './accounts.ts';
import { clearFailures, isLocked, noteFailure } from './lockout.ts';
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

export async function checkPasswordStep(
  services: Services,
  input: { email: string; password: string },
  now: Date,
): Promise<StepResult> {
  const { db } = services.store;
  const row = await findAccountRowByEmail({ db, keyring: services.keyring }, input.email);
  const matches = await verifyPassword(input.password, row?.passwordHash ?? (await dummyHash()));
  const fail = async (reason: string) => {
    // noteFailure counts nothing while the account is locked (lockout.ts).
    if (row) await noteFailure(services, row.id, now);
    await recordAudit(
      db,
      {
        actorId: row?.id ?? null,
        action: 'sign-in.failed',
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
      now,
    );
    return { ok: false } as const;
  };
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
    await recordAudit(
      db,
      { actorId: userId, action: 'sign-in.failed', detail: { stage: 'code', reason: 'locked-or-disabled' } },
      now,
    );
    return { ok: false };
  }
  if (await claimTotpCode(services, row, code, now)) return { ok: true, userId, method: 'totp' };
  if (/[A-Za-z]/.test(code) && (await redeemRecoveryCode(db, userId, code, now))) {
    return { ok: true, userId, method: 'recovery-code' };
  }
  await noteFailure(services, userId, now);
  await recordAudit(
    db,
    { actorId: userId, action: 'sign-in.failed', detail: { stage: 'code', reason: 'wrong-code' } },
    now,
  );
  return { ok: false };
}

/** After both steps: the failure count resets and the sign-in is recorded. */
export async function completeSignIn(
  services: Services,
  userId: number,
  method: 'totp' | 'recovery-code',
  now: Date,
): Promise<void> {
  const { db } = services.store;
  await clearFailures(db, userId);
  await db.update(staffUsers).set({ lastSignInAt: now }).where(eq(staffUsers.id, userId));
  await recordAudit(db, { actorId: userId, action: 'sign-in', detail: { method } }, now);
}
