import { eq } from 'drizzle-orm';
import { t } from '../../../i18n/t.ts';
import { decryptField } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import { staffUsers } from '../../db/staff-schema.ts';
import type { StaffContext, StaffRoute } from '../route-table.ts';
import { createSession, revokeAllSessions } from '../session.ts';
import { OwnAccountPage } from '../ui/OwnAccountPage.tsx';
import { RecoveryCodesPage } from '../ui/SetUpPages.tsx';
import { findAccountRow } from './accounts.ts';
import { noteFailure } from './lockout.ts';
import {
  hashPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  verifyPassword,
} from './passwords.ts';
import { issueRecoveryCodes, remainingRecoveryCodes } from './recovery-codes.ts';
import { field, jsonErrors, seeOther } from './responses.ts';

const NEW_PASSWORD_MESSAGES = {
  missing: () => t('staffAuth.setUp.errorMissing'),
  'too-short': () => t('staffAuth.setUp.errorShort', { min: PASSWORD_MIN_LENGTH }),
  'too-long': () => t('staffAuth.setUp.errorLong', { max: PASSWORD_MAX_LENGTH }),
  common: () => t('staffAuth.setUp.errorCommon'),
} as const;

async function page(ctx: StaffContext, errors: { field: string; message: string }[] = [], status = 200) {
  if (ctx.wantsJson && errors.length) return jsonErrors(errors);
  return ctx.page({
    title: `${errors.length ? 'Error: ' : ''}${t('staffAuth.own.heading')}`,
    body: (
      <OwnAccountPage
        csrfToken={ctx.csrfToken}
        recoveryCodesLeft={await remainingRecoveryCodes(ctx.services.store.db, ctx.staff.id)}
        done={ctx.query.get('done') === 'password' ? 'password' : undefined}
        errors={errors}
      />
    ),
    status,
  });
}

/** Re-authentication for changes to one's own credentials (ASVS 5.0 V6.2.3): wrong guesses count towards lock-out. */
async function currentPasswordOk(ctx: StaffContext, password: string): Promise<boolean> {
  const row = await findAccountRow(ctx.services.store.db, ctx.staff.id);
  const ok = Boolean(row?.passwordHash) && (await verifyPassword(password, row?.passwordHash ?? ''));
  if (!ok) await noteFailure(ctx.services, ctx.staff.id, ctx.now());
  return ok;
}

/** Your own account: change your password, or replace your recovery codes. */
export const ownAccountRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/account',
    access: 'signed-in',
    summary: 'Your own account: change your password, get new recovery codes',
    handler: (ctx) => page(ctx),
  },
  {
    method: 'POST',
    path: '/staff/account/password',
    access: 'signed-in',
    summary: 'Changes your password (current password needed); your other sessions end',
    handler: async (ctx) => {
      const current = field(ctx.body, 'currentPassword');
      const next = field(ctx.body, 'newPassword');
      const row = await findAccountRow(ctx.services.store.db, ctx.staff.id);
      const email = row
        ? decryptField(ctx.services.keyring, row.emailEncrypted, slotOf(staffUsers.emailEncrypted, row.id))
        : undefined;
      const problem = passwordProblem(next, email ? { email } : {});
      const errors = [
        ...((await currentPasswordOk(ctx, current))
          ? []
          : [{ field: 'currentPassword', message: t('staffAuth.own.errorCurrent') }]),
        ...(problem ? [{ field: 'newPassword', message: NEW_PASSWORD_MESSAGES[problem]() }] : []),
      ];
      if (errors.length) return page(ctx, errors);
      const now = ctx.now();
      await ctx.services.store.db
        .update(staffUsers)
        .set({ passwordHash: await hashPassword(next), passwordChangedAt: now })
        .where(eq(staffUsers.id, ctx.staff.id));
      // Every other session (another browser, perhaps someone else's) ends; this one gets a new id.
      await revokeAllSessions(ctx.services.store.db, ctx.staff.id, now);
      const { token } = await createSession(ctx.services.store.db, ctx.staff.id, 'active', now);
      await ctx.audit({ action: 'staff.password-change', subjectType: 'staff-user', subjectRef: String(ctx.staff.id) });
      return seeOther('/staff/account?done=password', { token });
    },
  },
  {
    method: 'POST',
    path: '/staff/account/recovery-codes',
    access: 'signed-in',
    summary: 'Replaces your recovery codes (current password needed) and shows the new ones once',
    handler: async (ctx) => {
      if (!(await currentPasswordOk(ctx, field(ctx.body, 'codesPassword')))) {
        return page(ctx, [{ field: 'codesPassword', message: t('staffAuth.own.errorCurrent') }]);
      }
      const codes = await issueRecoveryCodes(ctx.services.store.db, ctx.staff.id, ctx.now());
      await ctx.audit({ action: 'staff.recovery-codes', subjectType: 'staff-user', subjectRef: String(ctx.staff.id) });
      if (ctx.wantsJson) return Response.json({ recoveryCodes: codes });
      return ctx.page({ title: t('staffAuth.setUp.codesTitle'), body: <RecoveryCodesPage codes={codes} /> });
    },
  },
];
