import { z } from 'zod';
import { t } from '../../i18n/t.ts';
import { defineTemplate, token } from './define-template.ts';

/**
 * Staff account emails: the one-time set-up link for a new member of staff, or after an
 * administrator resets an account. No name or role in them: the link is all they need, and it
 * works once, for 24 hours.
 */

export const staffAuthTemplates = {
  /** An administrator invited someone: the link to choose a password and add an authenticator. */
  'staff-invite': defineTemplate({
    params: z.object({ token: token() }),
    render: ({ token }, { siteUrl, staffUrl, schemeName }) => ({
      subject: t('staffAuth.email.inviteSubject', { scheme: schemeName }),
      text: t('staffAuth.email.inviteBody', {
        scheme: schemeName,
        link: `${staffUrl ?? siteUrl}/staff/set-up?token=${token}`,
      }),
    }),
  }),
  /** An administrator reset an account: the old password and authenticator no longer work. */
  'staff-reset': defineTemplate({
    params: z.object({ token: token() }),
    render: ({ token }, { siteUrl, staffUrl, schemeName }) => ({
      subject: t('staffAuth.email.resetSubject', { scheme: schemeName }),
      // With STAFF_ORIGIN set, the back office exists only there (src/server/http/staff-origin.ts).
      text: t('staffAuth.email.resetBody', {
        scheme: schemeName,
        link: `${staffUrl ?? siteUrl}/staff/set-up?token=${token}`,
      }),
    }),
  }),
  /** Too many wrong sign-ins: the account is locked for a while. Sent to the account's own address. */
  'staff-locked': defineTemplate({
    params: z.object({ minutes: z.string().regex(/^\d{1,4}$/) }),
    render: ({ minutes }, { schemeName }) => ({
      subject: t('staffAuth.email.lockedSubject', { scheme: schemeName }),
      text: t('staffAuth.email.lockedBody', { scheme: schemeName, minutes }),
    }),
  }),
};
