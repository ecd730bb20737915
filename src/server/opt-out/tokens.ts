import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Random tokens for email links and draft cookies. The token goes to the person; only its
 * SHA-256 is stored, so a copy of the database cannot be used to click a link or resume a draft.
 * (A plain hash is enough: 256 random bits cannot be guessed, so no key or salt is needed.)
 */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True if the text could be a token this module made (43 base64url characters). */
export function looksLikeToken(text: string | null | undefined): text is string {
  return typeof text === 'string' && /^[A-Za-z0-9_-]{43}$/.test(text);
}

/** Compares two hex digests in constant time, so the time taken reveals nothing about either. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
