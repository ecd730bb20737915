import { eq } from 'drizzle-orm';
import { t } from '../../../i18n/t.ts';
import { decryptField } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import { staffUsers } from '../../db/staff-schema.ts';
import { withAudit } from '../audit.ts';
import type { StaffContext } from '../route-table.ts';
import { createSession, revokeAllSessions } from '../session.ts';
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
import { claimTotpCode } from './sign-in.ts';
import { reauthenticationLimit, tooManyMessage } from './sign-in-limits.ts';
import { OwnAccountPage } from './views/OwnAccountPage.tsx';
import { RecoveryCodesPage } from './views/SetUpPages.tsx';

/** Your own account: change your password, or replace your recovery codes; the routes are in routes.ts. */

/** The audit entry for a change a person makes to their own account, written with the change. */
const ownAccountEntry = (ctx: StaffContext, action: string) => ({
  actorId: ctx.staff.id,
  action,
  subjectType: 'staff-user',
  subjectRef: String(ctx.staff.id),
});

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

/**
 * Re-authentication before one's own credentials change (ASVS 5.0 V6.2.3, V6.4.x): the current
 * password and a current authenticator code, throttled (sign-in-limits.ts) and each wrong try
 * counted towards lock-out, so a signed-in laptop left open is not enough to take the account
 * over. Returns the errors to show, none when both are right.
 */
async function reauthenticate(
  ctx: StaffContext,
  fields: { password: string; code: string },
): Promise<{ field: string; message: string }[]> {
  const limit = await reauthenticationLimit(ctx.services, ctx.staff.id);
  if (!limit.allowed) return [{ field: fields.password, message: tooManyMessage(limit.retryAfterSeconds) }];
  const row = await findAccountRow(ctx.services.store.db, ctx.staff.id);
  const password = field(ctx.body, fields.password);
  const code = field(ctx.body, fields.code).replace(/\s+/g, '');
  const passwordOk = Boolean(row?.passwordHash) && (await verifyPassword(password, row?.passwordHash ?? ''));
  // The code is checked (and used up) only with the right password, so it cannot be probed alone.
  const codeOk = passwordOk && row !== undefined && (await claimTotpCode(ctx.services, row, code, ctx.now()));
  if (passwordOk && codeOk) return [];
  await noteFailure(ctx.services, ctx.staff.id, ctx.now());
  if (!passwordOk) return [{ field: fields.password, message: t('staffAuth.own.errorCurrent') }];
  const message = code ? t('staffAuth.own.errorCode') : t('staffAuth.own.errorCodeMissing');
  return [{ field: fields.code, message }];
}

/** GET /staff/account */
export function ownAccountPageHandler(ctx: StaffContext): Promise<Response> {
  return page(ctx);
}

/** POST /staff/account/password */
export async function changePasswordHandler(ctx: StaffContext): Promise<Response> {
  const next = field(ctx.body, 'newPassword');
  const row = await findAccountRow(ctx.services.store.db, ctx.staff.id);
  const email = row
    ? decryptField(ctx.services.keyring, row.emailEncrypted, slotOf(staffUsers.emailEncrypted, row.id))
    : undefined;
  const problem = passwordProblem(next, email ? { email } : {});
  const errors = [
    ...(await reauthenticate(ctx, { password: 'currentPassword', code: 'currentCode' })),
    ...(problem ? [{ field: 'newPassword', message: NEW_PASSWORD_MESSAGES[problem]() }] : []),
  ];
  if (errors.length) return page(ctx, errors);
  const now = ctx.now();
  // Hashed before the transaction opens, so no connection (or, on PGlite, the database) waits on scrypt.
  const passwordHash = await hashPassword(next);
  const { token } = await withAudit(
    ctx.services.store.db,
    async (tx) => {
      await tx.update(staffUsers).set({ passwordHash, passwordChangedAt: now }).where(eq(staffUsers.id, ctx.staff.id));
      // Every other session (another browser, perhaps someone else's) ends; this one gets a new id.
      await revokeAllSessions(tx, ctx.staff.id, now);
      return createSession(tx, ctx.staff.id, 'active', now);
    },
    () => ownAccountEntry(ctx, 'staff.password-change'),
    now,
  );
  return seeOther('/staff/account?done=password', { token });
}

/** POST /staff/account/recovery-codes */
export async function newRecoveryCodesHandler(ctx: StaffContext): Promise<Response> {
  const errors = await reauthenticate(ctx, { password: 'codesPassword', code: 'codesCode' });
  if (errors.length) return page(ctx, errors);
  const codes = await withAudit(
    ctx.services.store.db,
    (tx) => issueRecoveryCodes(tx, ctx.staff.id, ctx.now()),
    () => ownAccountEntry(ctx, 'staff.recovery-codes'),
    ctx.now(),
  );
  if (ctx.wantsJson) return Response.json({ recoveryCodes: codes });
  return ctx.page({ title: t('staffAuth.setUp.codesTitle'), body: <RecoveryCodesPage codes={codes} /> });
}
