import { eq } from 'drizzle-orm';
import type { StaffRole } from '../../../domain/staff.ts';
import { staffRecoveryCodes, staffUsers } from '../../db/staff-schema.ts';
import type { Services } from '../../services.ts';
import { type AuditEvent, withAudit } from '../audit.ts';
import { createAccount, findAccountRow, knownRoles } from '../auth/accounts.ts';
import { clearFailures } from '../auth/lockout.ts';
import { cancelSetupTokens, issueSetupToken } from '../auth/setup-tokens.ts';
import { revokeAllSessions } from '../session.ts';

/**
 * The changes an administrator (or the command line, actor null) makes to accounts. Each is
 * audited with who did it and to which account id, in the same transaction as the change (so an
 * account never changes without its entry); none logs a name or email address.
 */
const about = (userId: number, actorId: number | null, action: string, detail?: AuditEvent['detail']): AuditEvent => ({
  actorId,
  action,
  subjectType: 'staff-user',
  subjectRef: String(userId),
  ...(detail ? { detail } : {}),
});

export function inviteStaff(
  services: Services,
  input: { email: string; name: string; roles: readonly StaffRole[] },
  actorId: number | null,
  now: Date,
): Promise<{ id: number; token: string }> {
  return withAudit(
    services.store.db,
    (tx) => createAccount({ db: tx, keyring: services.keyring }, { ...input, createdBy: actorId }, now),
    (created) =>
      about(created.id, actorId, 'staff.create', {
        roles: knownRoles(input.roles).join(','),
        by: actorId === null ? 'command-line' : 'admin',
      }),
    now,
  );
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
  const done = await withAudit(
    services.store.db,
    async (tx) => {
      const row = await findAccountRow(tx, userId);
      if (!row) return undefined;
      const before = knownRoles(row.roles);
      const next = knownRoles(roles);
      const detail = { from: before.join(','), to: next.join(',') };
      if (actorId === userId && next.some((role) => !before.includes(role))) {
        const refused = { ...detail, reason: 'own-account' };
        return { result: 'own-grant-refused', action: 'staff.roles-refused', detail: refused } as const;
      }
      await tx.update(staffUsers).set({ roles: next }).where(eq(staffUsers.id, userId));
      return { result: 'changed', action: 'staff.roles', detail } as const;
    },
    (change) => change && about(userId, actorId, change.action, change.detail),
    now,
  );
  return done?.result;
}

/** Disabling ends every session at once and cancels outstanding links. */
export function setDisabled(
  services: Services,
  userId: number,
  disabled: boolean,
  actorId: number | null,
  now: Date,
): Promise<boolean> {
  return withAudit(
    services.store.db,
    async (tx) => {
      const row = await findAccountRow(tx, userId);
      if (!row) return false;
      // Re-enabling an account that never finished set-up leaves it invited.
      const status = disabled ? 'disabled' : row.totpConfirmedAt ? 'active' : 'invited';
      await tx.update(staffUsers).set({ status }).where(eq(staffUsers.id, userId));
      if (disabled) {
        await revokeAllSessions(tx, userId, now);
        await cancelSetupTokens(tx, userId, now);
      }
      return true;
    },
    (found) => (found ? about(userId, actorId, disabled ? 'staff.disable' : 'staff.enable') : undefined),
    now,
  );
}

/**
 * A reset: the password, authenticator and recovery codes stop working, every session ends, and a
 * new single-use link lets the person set the account up again. A disabled account is never reset
 * (undefined): a link would let whoever reads the email bring it back with its old roles, so only
 * an explicit, audited enable (setDisabled) does that.
 */
export function resetAccount(
  services: Services,
  userId: number,
  actorId: number | null,
  now: Date,
): Promise<string | undefined> {
  return withAudit(
    services.store.db,
    async (tx) => {
      const row = await findAccountRow(tx, userId);
      if (!row || row.status === 'disabled') return undefined;
      await revokeAllSessions(tx, userId, now);
      await cancelSetupTokens(tx, userId, now);
      await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
      await tx
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
      return issueSetupToken(tx, userId, 'reset', now);
    },
    (token) => (token ? about(userId, actorId, 'staff.reset') : undefined),
    now,
  );
}

/** Ends a lock-out (and the failure count) early: the owner asked, or the lock was someone else's doing. */
export function unlockAccount(services: Services, userId: number, actorId: number, now: Date): Promise<void> {
  return withAudit(
    services.store.db,
    (tx) => clearFailures(tx, userId),
    () => about(userId, actorId, 'staff.unlock'),
    now,
  );
}

/** Signs someone out everywhere, e.g. a laptop left unlocked (ASVS 5.0 V7.4.5). */
export function endSessions(services: Services, userId: number, actorId: number, now: Date): Promise<void> {
  return withAudit(
    services.store.db,
    (tx) => revokeAllSessions(tx, userId, now),
    () => about(userId, actorId, 'staff.sessions-ended'),
    now,
  );
}
