import { eq } from 'drizzle-orm';
import type { StaffRole } from '../../../domain/staff.ts';
import { staffRecoveryCodes, staffUsers } from '../../db/staff-schema.ts';
import type { Services } from '../../services.ts';
import { recordAudit } from '../audit.ts';
import { revokeAllSessions } from '../session.ts';
import { createAccount, findAccountRow, knownRoles } from './accounts.ts';
import { clearFailures } from './lockout.ts';
import { cancelSetupTokens, issueSetupToken } from './setup-tokens.ts';

/**
 * The changes an administrator (or the command line, actor null) makes to accounts. Each is
 * audited with who did it and to which account id; none logs a name or email address.
 */
export async function inviteStaff(
  services: Services,
  input: { email: string; name: string; roles: readonly StaffRole[] },
  actorId: number | null,
  now: Date,
): Promise<{ id: number; token: string }> {
  const created = await createAccount(
    { db: services.store.db, keyring: services.keyring },
    { ...input, createdBy: actorId },
    now,
  );
  await recordAudit(
    services.store.db,
    {
      actorId,
      action: 'staff.create',
      subjectType: 'staff-user',
      subjectRef: String(created.id),
      detail: { roles: knownRoles(input.roles).join(','), by: actorId === null ? 'command-line' : 'admin' },
    },
    now,
  );
  return created;
}

/**
 * Changes an account's roles. Nobody grants a role to themselves: an admin could otherwise make
 * themselves an IG officer and read every rights request and opt-out. Another admin must do it;
 * the refusal is audited too, so an attempt is visible. Giving up one's own roles needs nobody.
 */
export async function changeRoles(
  services: Services,
  userId: number,
  roles: readonly StaffRole[],
  actorId: number | null,
  now: Date,
): Promise<'changed' | 'own-grant-refused' | undefined> {
  const row = await findAccountRow(services.store.db, userId);
  if (!row) return undefined;
  const before = knownRoles(row.roles);
  const next = knownRoles(roles);
  const detail = { from: before.join(','), to: next.join(',') };
  if (actorId === userId && next.some((role) => !before.includes(role))) {
    await recordAudit(
      services.store.db,
      {
        actorId,
        action: 'staff.roles-refused',
        subjectType: 'staff-user',
        subjectRef: String(userId),
        detail: { ...detail, reason: 'own-account' },
      },
      now,
    );
    return 'own-grant-refused';
  }
  await services.store.db.update(staffUsers).set({ roles: next }).where(eq(staffUsers.id, userId));
  await recordAudit(
    services.store.db,
    { actorId, action: 'staff.roles', subjectType: 'staff-user', subjectRef: String(userId), detail },
    now,
  );
  return 'changed';
}

/** Disabling ends every session at once and cancels outstanding links. */
export async function setDisabled(
  services: Services,
  userId: number,
  disabled: boolean,
  actorId: number | null,
  now: Date,
): Promise<boolean> {
  const row = await findAccountRow(services.store.db, userId);
  if (!row) return false;
  const { db } = services.store;
  // Re-enabling an account that never finished set-up leaves it invited.
  const status = disabled ? 'disabled' : row.totpConfirmedAt ? 'active' : 'invited';
  await db.update(staffUsers).set({ status }).where(eq(staffUsers.id, userId));
  if (disabled) {
    await revokeAllSessions(db, userId, now);
    await cancelSetupTokens(db, userId, now);
  }
  await recordAudit(
    db,
    {
      actorId,
      action: disabled ? 'staff.disable' : 'staff.enable',
      subjectType: 'staff-user',
      subjectRef: String(userId),
    },
    now,
  );
  return true;
}

/**
 * A reset: the password, authenticator and recovery codes stop working, every session ends, and a
 * new single-use link lets the person set the account up again. A disabled account is never reset
 * (undefined): a link would let whoever reads the email bring it back with its old roles, so only
 * an explicit, audited enable (setDisabled) does that.
 */
export async function resetAccount(
  services: Services,
  userId: number,
  actorId: number | null,
  now: Date,
): Promise<string | undefined> {
  const row = await findAccountRow(services.store.db, userId);
  if (!row || row.status === 'disabled') return undefined;
  const { db } = services.store;
  await revokeAllSessions(db, userId, now);
  await cancelSetupTokens(db, userId, now);
  await db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
  await db
    .update(staffUsers)
    .set({
      status: 'invited',
      passwordHash: null,
      totpSecretEncrypted: null,
      totpConfirmedAt: null,
      lastTotpStep: null,
      failedSignIns: 0,
      lockedUntil: null,
    })
    .where(eq(staffUsers.id, userId));
  const token = await issueSetupToken(db, userId, 'reset', now);
  await recordAudit(db, { actorId, action: 'staff.reset', subjectType: 'staff-user', subjectRef: String(userId) }, now);
  return token;
}

/** Ends a lock-out (and the failure count) early: the owner asked, or the lock was someone else's doing. */
export async function unlockAccount(services: Services, userId: number, actorId: number, now: Date): Promise<void> {
  await clearFailures(services.store.db, userId);
  await recordAudit(
    services.store.db,
    { actorId, action: 'staff.unlock', subjectType: 'staff-user', subjectRef: String(userId) },
    now,
  );
}

/** Signs someone out everywhere, e.g. a laptop left unlocked (ASVS 5.0 V7.4.5). */
export async function endSessions(services: Services, userId: number, actorId: number, now: Date): Promise<void> {
  await revokeAllSessions(services.store.db, userId, now);
  await recordAudit(
    services.store.db,
    { actorId, action: 'staff.sessions-ended', subjectType: 'staff-user', subjectRef: String(userId) },
    now,
  );
}
