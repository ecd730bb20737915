import type { StaffRoute } from '../route-table.ts';
import { changePasswordHandler, newRecoveryCodesHandler, ownAccountPageHandler } from './own-account-handlers.tsx';
import {
  authenticatorHandler,
  authenticatorPageHandler,
  setUpPageHandler,
  setUpPasswordHandler,
} from './set-up-handlers.tsx';
import {
  codeHandler,
  codePageHandler,
  signInHandler,
  signInPageHandler,
  signOutHandler,
  staySignedInHandler,
} from './sign-in-handlers.tsx';

/** Sign-in (email and password, then a code), sign-out, and "stay signed in". */
const signInRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/sign-in',
    access: 'public',
    summary: 'Sign-in page: email address and password',
    handler: signInPageHandler,
  },
  {
    method: 'POST',
    path: '/staff/sign-in',
    access: 'public',
    summary: 'Checks the email address and password; on success the code step comes next',
    handler: signInHandler,
  },
  {
    method: 'GET',
    path: '/staff/sign-in/code',
    access: 'public',
    summary: 'Second step of sign-in: a code from the authenticator app, or a recovery code',
    handler: codePageHandler,
  },
  {
    method: 'POST',
    path: '/staff/sign-in/code',
    access: 'public',
    summary: 'Checks the code; on success the session is replaced by a new, signed-in one',
    handler: codeHandler,
  },
  {
    method: 'POST',
    path: '/staff/sign-out',
    access: 'signed-in',
    summary: 'Signs out: the session is revoked on the server',
    handler: signOutHandler,
  },
  {
    method: 'POST',
    path: '/api/staff/session',
    access: 'signed-in',
    summary: '"Stay signed in": restarts the 15-minute idle clock (the dispatcher records the activity)',
    handler: staySignedInHandler,
  },
];

/** Setting up an account from a one-time link: password → authenticator app → recovery codes. */
const setUpRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/set-up',
    access: 'public',
    summary: 'Set-up link: choose a password (the link works once, for 24 hours)',
    handler: setUpPageHandler,
  },
  {
    method: 'POST',
    path: '/staff/set-up',
    access: 'public',
    summary: 'Saves the new password (checked against common breached passwords) and uses the link up',
    handler: setUpPasswordHandler,
  },
  {
    method: 'GET',
    path: '/staff/set-up/authenticator',
    access: 'public',
    summary: 'Set-up: add the authenticator app (QR code and the key written out)',
    handler: authenticatorPageHandler,
  },
  {
    method: 'POST',
    path: '/staff/set-up/authenticator',
    access: 'public',
    summary: 'Set-up: confirms a first code, activates the account and shows the recovery codes once',
    handler: authenticatorHandler,
  },
];

/** Your own account: change your password, or replace your recovery codes. */
const ownAccountRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/account',
    access: 'signed-in',
    summary: 'Your own account: change your password, get new recovery codes',
    handler: ownAccountPageHandler,
  },
  {
    method: 'POST',
    path: '/staff/account/password',
    access: 'signed-in',
    summary:
      'Changes your password (current password and an authenticator code needed, throttled); your other sessions end',
    handler: changePasswordHandler,
  },
  {
    method: 'POST',
    path: '/staff/account/recovery-codes',
    access: 'signed-in',
    summary:
      'Replaces your recovery codes (current password and an authenticator code needed, throttled) and shows the new ones once',
    handler: newRecoveryCodesHandler,
  },
];

/** Sign-in, set-up, sign-out and your own account. */
export const authRoutes: StaffRoute[] = [...signInRoutes, ...setUpRoutes, ...ownAccountRoutes];
