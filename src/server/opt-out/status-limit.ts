import { eq } from 'drizzle-orm';
import { RateLimiterDrizzle } from 'rate-limiter-flexible';
import { WRONG_DATES_PER_DAY } from '../../domain/opt-out.ts';
import type { Reference } from '../../domain/reference.ts';
import { languageOr } from '../../i18n/languages.ts';
import { t } from '../../i18n/t.ts';
import { decryptField, lookupHmac } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import { rateLimits } from '../db/abuse-schema.ts';
import { optOutRequests } from '../db/opt-out-schema.ts';
import { perDatabase } from '../db/per-database.ts';
import { log } from '../log.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { kickOutbox } from '../mail/outbox-timer.ts';
import type { Services } from '../services.ts';
import { statusFormPage } from './pages.tsx';

/**
 * A limit per reference on look-ups by reference and date of birth (status and withdrawal),
 * beside the per-client one (issue 15, item 4). Someone who knows a reference and changes
 * address for each try meets no per-client limit, and the ~36,500 plausible dates of birth fit
 * inside the global one in about an hour. So each reference allows WRONG_DATES_PER_DAY wrong
 * dates (src/domain/opt-out.ts) in a fixed window of a day from the first; after that every look-up for it is refused
 * until the window ends — the right date as well, or the refusal would confirm a guess — and an
 * unknown reference is counted and refused the same way, so a refusal reveals nothing. The
 * request's owner is emailed once, when the limit is reached. Counted through
 * rate-limiter-flexible in the rate-limit table, keyed by an HMAC of the reference.
 */
const WINDOW_SECONDS = 24 * 60 * 60;

const limiterFor = perDatabase(
  (db) =>
    new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      tableCreated: true,
      // The retention job removes expired counters; a timer would outlive a serverless call.
      clearExpiredByTimeout: false,
      keyPrefix: 'opt-out-status:reference',
      points: WRONG_DATES_PER_DAY,
      duration: WINDOW_SECONDS,
    }),
);

const keyOf = (services: Services, reference: Reference) => lookupHmac(services.keyring, `reference:${reference}`);

export type LimitedLookUp<T> = { outcome: 'found'; value: T } | { outcome: 'not-found' } | { outcome: 'locked' };

/**
 * Runs one look-up for `reference` under the limit. `lookUp` gives undefined for a wrong date of
 * birth or an unknown reference (they are never told apart).
 */
export async function lookUpWithinLimit<T>(
  services: Services,
  reference: Reference,
  lookUp: () => Promise<T | undefined>,
): Promise<LimitedLookUp<T>> {
  const limiter = limiterFor(services.store.db);
  const key = keyOf(services, reference);
  // Each try takes its point before the look-up (one atomic upsert), so a burst sent at once
  // gets no more than the limit between them; a right answer gives its point back.
  const taken = await limiter.penalty(key, 1);
  if (taken.consumedPoints > WRONG_DATES_PER_DAY) return { outcome: 'locked' };
  const value = await lookUp();
  if (value !== undefined) {
    await limiter.reward(key, 1);
    return { outcome: 'found', value };
  }
  // The miss that takes the last point alerts the owner (the email's dedupe key keeps it to one).
  if (taken.consumedPoints === WRONG_DATES_PER_DAY) {
    await alertOwner(services, reference, new Date(Date.now() + taken.msBeforeNext));
  }
  return { outcome: 'not-found' };
}

/** Emails the request's owner that look-ups are paused, if the reference is a request with an email. */
async function alertOwner(services: Services, reference: Reference, until: Date): Promise<void> {
  const db = services.store.db;
  const [row] = await db
    .select({ email: optOutRequests.contactEmailEncrypted, language: optOutRequests.language })
    .from(optOutRequests)
    .where(eq(optOutRequests.reference, reference))
    .limit(1);
  // Only the reference is logged; it says nothing about the person.
  log.warn('Opt-out status look-ups paused after too many wrong dates of birth', {
    reference,
    emailed: Boolean(row?.email),
  });
  if (!row?.email) return;
  await enqueueEmail(db, services.keyring, {
    // One email per window, even if two misses reach the limit together.
    dedupeKey: `opt-out:${reference}:status-locked:${until.toISOString().slice(0, 13)}`,
    to: decryptField(services.keyring, row.email, slotOf(optOutRequests.contactEmailEncrypted, reference)),
    template: 'opt-out-status-locked',
    params: { reference, phone: services.settings.contact.phone, lang: languageOr(row.language) },
  });
  kickOutbox();
}

/** The answer while look-ups for a reference are paused: 429, in plain words, on the status form. */
export async function tooManyTries(
  services: Services,
  json: boolean,
  values: Record<string, string>,
): Promise<Response> {
  const { phone, phoneHours: hours } = services.settings.contact;
  const errors = [{ field: 'reference', message: t('optOut.status.tooManyTries', { phone, hours }) }];
  const headers = { 'Cache-Control': 'no-store' };
  if (json) return Response.json({ errors }, { status: 429, headers });
  const page = await statusFormPage(services, { values, errors });
  return new Response(page.body, { status: 429, headers: page.headers });
}
