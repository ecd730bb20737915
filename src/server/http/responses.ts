/**
 * The answers every handler gives, written once: the local server, the functions and the staff
 * back office all use these, so a redirect or an error looks the same wherever it comes from.
 */

/** A field's error in the one shape every JSON answer uses (`field` null: the whole request). */
export interface JsonFieldError {
  field: string | null;
  message: string;
}

/**
 * 303 See Other to the next page (post/redirect/get: reloading it repeats the GET, not the post),
 * never cached, setting any cookies given.
 */
export function seeOther(location: string, ...cookies: string[]): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  for (const cookie of cookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/** `{ errors: [{ field, message }] }` with the status given (422 by default), never cached. */
export function jsonErrors(
  errors: readonly JsonFieldError[],
  status = 422,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ errors }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}
