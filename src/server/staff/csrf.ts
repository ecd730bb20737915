import { type Keyring, lookupHmac } from '../crypto/field-crypto.ts';
import { hostCookie, readCookie } from '../http/cookies.ts';
import { newSecret, secretsMatch } from './session.ts';

/**
 * CSRF tokens (OWASP ASVS 5.0 V3.5). Signed-in staff use their session's synchroniser token.
 * Before there is a session (the sign-in and set-up forms) a signed double-submit token is used:
 * a random value in its own `__Host-` cookie, and in the form an HMAC of it under the server's
 * key, so a page on another site can neither read nor forge the pair (login CSRF).
 */
export const FORM_COOKIE = '__Host-clearshare-staff-form';

export function formTokenFor(keyring: Keyring, cookieValue: string): string {
  return lookupHmac(keyring, `staff-form:${cookieValue}`);
}

/** The form cookie of a request, or a new one to set with the response. */
export function formCookie(request: Request): { value: string; setCookie?: string } {
  const existing = readCookie(request, FORM_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return { value: existing };
  const value = newSecret();
  return { value, setCookie: hostCookie(FORM_COOKIE, value, 'Strict') };
}

/** The token a POST carried: the hidden `csrfToken` field, or the X-CSRF-Token header (scripts). */
export function postedToken(request: Request, body: unknown): string | undefined {
  const header = request.headers.get('x-csrf-token');
  if (header) return header;
  if (body && typeof body === 'object' && 'csrfToken' in body) {
    const value = (body as { csrfToken: unknown }).csrfToken;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

export function tokenMatches(given: string | undefined, expected: string): boolean {
  return given !== undefined && given.length > 0 && secretsMatch(given, expected);
}
