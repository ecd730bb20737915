import type { StaffRole } from '../../../domain/staff.ts';
import type { StaffRoute } from '../route-table.ts';
import {
  accountListHandler,
  accountPageHandler,
  auditLogHandler,
  changeRolesHandler,
  disableHandler,
  enableHandler,
  inviteHandler,
  invitePageHandler,
  resetHandler,
  signOutEverywhereHandler,
  unlockHandler,
} from './handlers.tsx';

const admin = ['admin'] as const satisfies readonly StaffRole[];

/** Staff accounts and the audit log: administrators only. */
export const accountsRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/accounts',
    access: admin,
    summary: 'Staff accounts: names, roles, status and last sign-in',
    handler: accountListHandler,
  },
  {
    method: 'GET',
    path: '/staff/accounts/new',
    access: admin,
    summary: 'Invite a member of staff: name, email address and roles',
    handler: invitePageHandler,
  },
  {
    method: 'POST',
    path: '/staff/accounts/new',
    access: admin,
    summary: 'Creates the account and emails a one-time set-up link through the outbox',
    handler: inviteHandler,
  },
  {
    method: 'GET',
    path: '/staff/accounts/:id',
    access: admin,
    summary: 'One account: its details, and forms to change roles, reset or disable it',
    handler: accountPageHandler,
  },
  {
    method: 'POST',
    path: '/staff/accounts/:id/roles',
    access: admin,
    summary: 'Changes the roles of an account (takes effect on its next request)',
    handler: changeRolesHandler,
  },
  {
    method: 'POST',
    path: '/staff/accounts/:id/disable',
    access: admin,
    summary: 'Disables an account and ends its sessions',
    handler: disableHandler,
  },
  {
    method: 'POST',
    path: '/staff/accounts/:id/unlock',
    access: admin,
    summary: 'Ends a lock-out after wrong sign-ins early (audited)',
    handler: unlockHandler,
  },
  {
    method: 'POST',
    path: '/staff/accounts/:id/sign-out',
    access: admin,
    summary: 'Signs an account out everywhere (every session ends)',
    handler: signOutEverywhereHandler,
  },
  {
    method: 'POST',
    path: '/staff/accounts/:id/enable',
    access: admin,
    summary: 'Enables a disabled account again, after a confirmation (confirm=yes); the only way one comes back',
    handler: enableHandler,
  },
  {
    method: 'POST',
    path: '/staff/accounts/:id/reset',
    access: admin,
    summary: 'Resets an account: old password, authenticator and sessions stop working; a new set-up link is emailed',
    handler: resetHandler,
  },
  {
    method: 'GET',
    path: '/staff/audit',
    access: admin,
    summary: 'The audit log, newest first, filtered by action or member of staff (read-only)',
    handler: auditLogHandler,
  },
];
