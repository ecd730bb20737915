import type { FieldError } from '../../../forms/validation.ts';
import { clearSessionCookie, sessionCookie } from '../session.ts';

/** Post/redirect/get: a 303 to the next page, optionally setting or clearing the session cookie. */
export function seeOther(location: string, session?: { token: string } | 'clear'): Response {
  const headers = new Headers({ Location: location });
  if (session === 'clear') headers.append('Set-Cookie', clearSessionCookie());
  else if (session) headers.append('Set-Cookie', sessionCookie(session.token));
  return new Response(null, { status: 303, headers });
}

export const jsonErrors = (errors: readonly FieldError[], status = 422): Response =>
  Response.json({ errors }, { status });

/** A string field of a parsed form body (the first, if repeated), or ''. */
export function field(body: unknown, name: string): string {
  if (!body || typeof body !== 'object') return '';
  const value = (body as Record<string, unknown>)[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

/** Adds a session cookie to a rendered page (the recovery codes are shown as the session becomes active). */
export function withSessionCookie(response: Response, token: string): Response {
  response.headers.append('Set-Cookie', sessionCookie(token));
  return response;
}
