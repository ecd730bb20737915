/**
 * Who works in the staff back office and what each role may do. A person can hold more than
 * one role; the route table (src/server/staff/route-table.ts) names the roles each route needs.
 */
export const STAFF_ROLES = [
  /** Comms officers: the feedback queue, themes, replies, reports. */
  'comms',
  /** Information-governance officers: opt-outs, rights requests, evidence, exports. */
  'ig',
  /** Administrators: staff accounts, settings, the audit log. */
  'admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** invited (set-up link sent, no password yet) → active; disabled accounts cannot sign in. */
export const STAFF_ACCOUNT_STATUSES = ['invited', 'active', 'disabled'] as const;
export type StaffAccountStatus = (typeof STAFF_ACCOUNT_STATUSES)[number];

/** Idle and absolute session limits (OWASP ASVS 5.0 V7: re-authenticate after inactivity and a maximum lifetime). */
export const SESSION_IDLE_MINUTES = 15;
export const SESSION_ABSOLUTE_HOURS = 8;
