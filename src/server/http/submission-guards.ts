import { type Keyring, lookupHmac } from '../crypto/field-crypto.ts';

/** The honeypot field's name (see src/forms/components/Honeypot.tsx). */
export const HONEYPOT_FIELD = 'website';
/** The hidden field each rendered form carries so a double submit maps to one record. */
export const IDEMPOTENCY_FIELD = 'idempotencyKey';

/** True when the hidden field people never see has been filled in: a bot, so nothing is stored. */
export function isHoneypotFilled(fields: Record<string, unknown>): boolean {
  const value = fields[HONEYPOT_FIELD];
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The key that makes a double submit return the first reference instead of a second record.
 * Server-rendered forms (and the JavaScript-enhanced static ones) carry a random key. A static
 * form posted without JavaScript has none, so the key is derived from what was sent, by whom,
 * within a ten-minute window: pressing the button twice still gives one record.
 * The result is an HMAC, so it reveals nothing about the answers.
 */
export function idempotencyKeyFor(
  scope: string,
  fields: Record<string, unknown>,
  ip: string,
  keyring: Keyring,
  now = Date.now(),
): string {
  const explicit = fields[IDEMPOTENCY_FIELD];
  if (typeof explicit === 'string' && UUID.test(explicit))
    return lookupHmac(keyring, `${scope}:key:${explicit.toLowerCase()}`);
  const content = Object.keys(fields)
    .filter((name) => name !== IDEMPOTENCY_FIELD)
    .sort()
    .map((name) => `${name}=${JSON.stringify(fields[name])}`)
    .join('&');
  const window = Math.floor(now / (10 * 60 * 1000));
  return lookupHmac(keyring, `${scope}:content:${ip}:${window}:${content}`);
}
