import type { ReactElement } from 'react';
import type { StaffRole } from '../../domain/staff.ts';
import type { Services } from '../services.ts';
import type { AuditEvent } from './audit.ts';

/**
 * The staff back office is one table of routes. The dispatcher (src/server/staff/dispatch.ts)
 * finds the route, checks the session, the role and (for POST) the CSRF token, and only then
 * calls the handler — so authorisation lives in one place, and a test can enumerate every route
 * and prove each refuses a missing session, an expired one and the wrong role.
 */

/** The member of staff behind a request, once the dispatcher has checked the session. */
export interface SignedInStaff {
  id: number;
  name: string;
  roles: readonly StaffRole[];
}

/** What every handler gets. */
export interface BaseContext {
  request: Request;
  services: Services;
  /** Route parameters, e.g. { reference: "HK3BN7PD" }. */
  params: Record<string, string>;
  /** Query string of a GET request. */
  query: URLSearchParams;
  /**
   * The parsed body of a POST: a form post becomes an object of strings (string[] for repeated
   * names), a JSON body is passed as parsed. Unvalidated: handlers validate it with zod.
   */
  body: unknown;
  /** True when the caller wants JSON (Accept or Content-Type), false for a form post or page. */
  wantsJson: boolean;
  /** The client's IP address, for throttling. Never logged or stored in plain text. */
  ip: string;
  now(): Date;
  /**
   * Every staff route, as the dispatcher holds it: pages that list sections (the staff home)
   * read it here, so no route module imports the route table back (an import cycle).
   */
  routes: readonly StaffRoute[];
}

/** A route anyone may reach: sign-in, set-up, the second-factor step. */
export interface PublicContext extends BaseContext {
  /** The session at its current stage, if any (e.g. "password" before the second factor). */
  session: { userId: number; stage: 'password' | 'totp-set-up' | 'active'; csrfToken: string } | undefined;
  /**
   * The CSRF token to put in this page's forms as `csrfToken`: the session's when there is one,
   * otherwise a signed double-submit token (sign-in and set-up happen before any session).
   */
  csrfToken: string;
  /** Renders a page in the staff layout, without navigation (nobody is signed in yet). */
  page(options: { title: string; body: ReactElement; status?: number }): Promise<Response>;
}

/** A route for signed-in staff (session active, second factor passed, role checked). */
export interface StaffContext extends BaseContext {
  staff: SignedInStaff;
  /** The CSRF token for this session: put it in every rendered form as the hidden field `csrfToken`. */
  csrfToken: string;
  /**
   * Records an audit event by this member of staff (append-only log), for a view or a download,
   * which change nothing. A change writes its entry in its own transaction (withAudit, audit.ts).
   */
  audit(event: Omit<AuditEvent, 'actorId'>): Promise<void>;
  /** Renders a page in the staff layout (navigation for this person's roles, sign-out form). */
  page(options: { title: string; body: ReactElement; status?: number }): Promise<Response>;
}

export interface PublicRoute {
  method: 'GET' | 'POST';
  /** URLPattern pathname, e.g. '/staff/sign-in'. */
  path: string;
  access: 'public';
  /** One line on what it does: shown in docs/api.md and the authorisation test's output. */
  summary: string;
  handler(ctx: PublicContext): Promise<Response>;
}

export interface ProtectedRoute {
  method: 'GET' | 'POST';
  /** URLPattern pathname, e.g. '/staff/feedback/:reference' or '/api/staff/feedback'. */
  path: string;
  /** 'signed-in': any active member of staff; otherwise the roles allowed (any one suffices). */
  access: 'signed-in' | readonly StaffRole[];
  summary: string;
  handler(ctx: StaffContext): Promise<Response>;
}

export type StaffRoute = PublicRoute | ProtectedRoute;

/** True when a route's access admits someone with these roles: the one authorisation rule, kept beside the routes it reads. */
export function allows(access: StaffRoute['access'], roles: readonly StaffRole[]): boolean {
  if (access === 'public' || access === 'signed-in') return true;
  return access.some((role) => roles.includes(role));
}
