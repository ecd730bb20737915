import { parse, serialize } from 'hono/utils/cookie';

/**
 * Cookies, read and written with Hono's cookie utilities (the framework the local server runs
 * on) rather than a hand-rolled split on ";". Every cookie this service sets is a `__Host-`
 * cookie: Secure, Path=/, no Domain and HttpOnly, so no script can read it, it never travels over
 * plain HTTP, and no other host can plant one. Hono refuses to write a `__Host-` cookie that
 * breaks those rules.
 */

/** One cookie's value from a request, if it was sent. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  return header ? parse(header, name)[name] : undefined;
}

/**
 * A Set-Cookie value for one of our cookies: `value` null clears it. Session cookies (no
 * Max-Age) go when the browser closes.
 */
export function hostCookie(name: `__Host-${string}`, value: string | null, sameSite: 'Strict' | 'Lax'): string {
  return serialize(name, value ?? '', {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite,
    ...(value === null ? { maxAge: 0 } : {}),
  });
}
