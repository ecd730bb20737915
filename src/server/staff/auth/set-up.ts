import { eq } from 'drizzle-orm';
import { decryptField, encryptField } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import { staffRecoveryCodes, staffUsers } from '../../db/staff-schema.ts';
import type { Services } from '../../services.ts';
import { recordAudit, withAudit } from '../audit.ts';
import { revokeAllSessions } from '../session.ts';
import { findAccountRow } from './accounts.ts';
import { clearFailures } from './lockout.ts';
import { hashPassword } from './passwords.ts';
import { issueRecoveryCodes } from './recovery-codes.ts';
import { consumeSetupToken } from './setup-tokens.ts';
import { checkTotp, newTotpSecret } from './totp.ts';

/**
 * Setting up (or resetting) an account from its link: choose a password, then add an
 * authenticator app, then keep the recovery codes. Until the first code is confirmed the account
 * cannot sign in, and any earlier authenticator and recovery codes are gone. Each step is one
 * transaction with its audit entry: a link is used up only if the step is recorded.
 */
export async function choosePassword(
  services: Services,
  token: string,
  password: string,
  now: Date,
): Promise<number | undefined> {
  // Hashed before the transaction opens, so no connection (or, on PGlite, the database) waits on scrypt.
  const passwordHash = await hashPassword(password);
  return withAudit(
    services.store.db,
    async (tx) => {
      const userId = await consumeSetupToken(tx, token, now);
      if (userId === undefined) return undefined;
      // A link never brings back a disabled account (only an admin's audited enable does), even one
      // issued before the account was disabled and somehow not cancelled.
      if ((await findAccountRow(tx, userId))?.status === 'disabled') return undefined;
      await revokeAllSessions(tx, userId, now);
      await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
      await tx
        .update(staffUsers)
        .set({
          passwordHash,
          passwordChangedAt: now,
          status: 'invited',
          totpSecretEncrypted: null,
          totpConfirmedAt: null,
          lastTotpStep: null,
        })
        .where(eq(staffUsers.id, userId));
      return userId;
    },
    (userId) =>
      userId === undefined
        ? undefined
        : { actorId: userId, action: 'staff.password-set', subjectType: 'staff-user', subjectRef: String(userId) },
    now,
  );
}

/** The authenticator secret being set up: made once, kept (encrypted) until confirmed. */
export async function pendingTotpSecret(services: Services, userId: number): Promise<string | undefined> {
  const row = await findAccountRow(services.store.db, userId);
  if (!row || row.totpConfirmedAt) return undefined;
  const slot = slotOf(staffUsers.totpSecretEncrypted, row.id);
  if (row.totpSecretEncrypted) return decryptField(services.keyring, row.totpSecretEncrypted, slot);
  const secret = newTotpSecret();
  await services.store.db
    .update(staffUsers)
    .set({ totpSecretEncrypted: encryptField(services.keyring, secret, slot) })
    .where(eq(staffUsers.id, userId));
  return secret;
}

/** Confirms the first code: the account becomes active and gets its recovery codes (returned once). */
export async function confirmAuthenticator(
  services: Services,
  userId: number,
  code: string,
  now: Date,
): Promise<string[] | undefined> {
  const { db } = services.store;
  const row = await findAccountRow(db, userId);
  if (!row?.totpSecretEncrypted || row.totpConfirmedAt || row.status === 'disabled') return undefined;
  const secret = decryptField(
    services.keyring,
    row.totpSecretEncrypted,
    slotOf(staffUsers.totpSecretEncrypted, row.id),
  );
  const step = await checkTotp(secret, code, { now, lastStep: null });
  if (step === undefined) return undefined;
  return db.transaction(async (tx) => {
    await tx
      .update(staffUsers)
      .set({ totpConfirmedAt: now, lastTotpStep: step, status: 'active', lastSignInAt: now })
      .where(eq(staffUsers.id, userId));
    await clearFailures(tx, userId);
    const codes = await issueRecoveryCodes(tx, userId, now);
    await recordAudit(
      tx,
      { actorId: userId, action: 'staff.set-up-complete', subjectType: 'staff-user', subjectRef: String(userId) },
      now,
    );
    await recordAudit(tx, { actorId: userId, action: 'sign-in', detail: { method: 'set-up' } }, now);
    return codes;
  });
}
