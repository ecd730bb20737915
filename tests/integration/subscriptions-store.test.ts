import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import type { SubscribeSubmission } from '../../src/schemas/forms/subscription.ts';
import { decryptJson } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { emailSubscriptions } from '../../src/server/db/subscriptions-schema.ts';
import { runRetention } from '../../src/server/retention.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import {
  changeChoices,
  confirmedCountsByTopic,
  confirmSubscription,
  findByManageToken,
  signUp,
  unsubscribe,
} from '../../src/server/subscriptions/store.ts';
import { buildPublicFigures } from '../../src/server/transparency/figures.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-15T12:00:00Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * DAY);

describeEachStore('email update sign-ups', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.dispose();
  });

  const sam: SubscribeSubmission = { email: 'Sam@Example.org', topics: ['events'], frequency: 'weekly' };
  const signUpAt = (now: Date, key: string, submission = sam) =>
    signUp(store.db, keyring, submission, { idempotencyKey: key, lang: 'en', now });

  /** The tokens in the queued email with this dedupe key, as the outbox would send them. */
  async function emailed(key: string) {
    const [row] = await store.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.dedupeKey, `subscription:${key}`));
    if (!row) throw new Error(`No email queued for ${key}`);
    const params = decryptJson(keyring, row.paramsEncrypted, slotOf(outboxMessages.paramsEncrypted, row.dedupeKey));
    return { template: row.template, ...(params as { confirmToken?: string; manageToken: string }) };
  }

  it('keeps the address encrypted, found by its HMAC whatever its case, and sends one confirmation per submit', async () => {
    expect(await signUpAt(NOW, 'first')).toBe('confirmation-sent');
    expect(await signUpAt(NOW, 'first')).toBe('repeated');
    const [row, ...others] = await store.db.select().from(emailSubscriptions);
    expect(others).toEqual([]);
    expect(JSON.stringify(row)).not.toMatch(/sam@example\.org/i);
    expect(row?.confirmedAt).toBeNull();
    expect(await store.db.select().from(outboxMessages)).toHaveLength(1);
    // The same address in other case, from a new form: still one row, and a new link.
    expect(await signUpAt(NOW, 'second', { ...sam, email: 'sam@EXAMPLE.org ' })).toBe('confirmation-sent');
    expect(await store.db.select().from(emailSubscriptions)).toHaveLength(1);
  });

  it('starts updates only when the newest confirmation link is opened, within 7 days', async () => {
    await signUpAt(daysBefore(2), 'a');
    await signUpAt(daysBefore(1), 'b');
    const older = await emailed('a');
    const newer = await emailed('b');
    expect(await confirmSubscription(store.db, keyring, older.confirmToken ?? '', NOW)).toBeUndefined();
    expect(await confirmSubscription(store.db, keyring, newer.confirmToken ?? '', NOW)).toBe(newer.manageToken);
    // Used once: opening it again does nothing.
    expect(await confirmSubscription(store.db, keyring, newer.confirmToken ?? '', NOW)).toBeUndefined();
    expect(await confirmedCountsByTopic(store.db)).toEqual({
      'newly-shared': 0,
      events: 1,
      'you-said-we-did': 0,
      all: 0,
    });

    await signUpAt(daysBefore(8), 'late', { ...sam, email: 'late@example.org' });
    const late = await emailed('late');
    expect(await confirmSubscription(store.db, keyring, late.confirmToken ?? '', NOW)).toBeUndefined();
  });

  it('tells a confirmed subscriber someone signed them up again, and changes nothing', async () => {
    await signUpAt(NOW, 'a');
    const first = await emailed('a');
    await confirmSubscription(store.db, keyring, first.confirmToken ?? '', NOW);
    expect(await signUpAt(NOW, 'b', { ...sam, topics: ['all'], frequency: 'immediate' })).toBe('already-subscribed');
    const again = await emailed('b');
    expect(again).toEqual({ template: 'subscription-already', manageToken: first.manageToken, lang: 'en' });
    expect(await findByManageToken(store.db, first.manageToken)).toEqual({ topics: ['events'], frequency: 'weekly' });
  });

  it('changes topics and frequency, and unsubscribes by deleting the row, from the manage token alone', async () => {
    await signUpAt(NOW, 'a');
    const { manageToken, confirmToken } = await emailed('a');
    await confirmSubscription(store.db, keyring, confirmToken ?? '', NOW);
    expect(
      await changeChoices(
        store.db,
        manageToken,
        { topics: ['newly-shared', 'you-said-we-did'], frequency: 'immediate' },
        NOW,
      ),
    ).toBe(true);
    expect(await findByManageToken(store.db, manageToken)).toEqual({
      topics: ['newly-shared', 'you-said-we-did'],
      frequency: 'immediate',
    });
    expect(await unsubscribe(store.db, manageToken)).toBe(true);
    expect(await store.db.select().from(emailSubscriptions)).toEqual([]);
    expect(await unsubscribe(store.db, manageToken)).toBe(false);
    expect(await changeChoices(store.db, manageToken, { topics: ['all'], frequency: 'weekly' }, NOW)).toBe(false);
  });

  it('the retention job deletes a sign-up left unconfirmed for 7 days, and keeps newer and confirmed ones', async () => {
    const settings = await readSiteSettings();
    await signUpAt(daysBefore(7), 'old', { ...sam, email: 'old@example.org' });
    await signUpAt(daysBefore(6), 'new', { ...sam, email: 'new@example.org' });
    await signUpAt(daysBefore(30), 'kept', { ...sam, email: 'kept@example.org' });
    const kept = await emailed('kept');
    await confirmSubscription(store.db, keyring, kept.confirmToken ?? '', daysBefore(29));

    const counts = await runRetention({ db: store.db, keyring, settings, now: () => NOW });
    expect(counts.subscriptions).toBe(1);
    const left = await store.db.select({ confirmedAt: emailSubscriptions.confirmedAt }).from(emailSubscriptions);
    expect(left.map((row) => row.confirmedAt !== null).sort()).toEqual([false, true]);
  });

  it('shows confirmed subscribers per topic on /transparency/, fewer than 5 hidden, unconfirmed not counted', async () => {
    for (let n = 0; n < 6; n += 1) {
      await signUpAt(NOW, `all-${n}`, { ...sam, email: `all${n}@example.org`, topics: ['all'] });
    }
    for (let n = 0; n < 4; n += 1) await signUpAt(NOW, `events-${n}`, { ...sam, email: `events${n}@example.org` });
    await store.db.update(emailSubscriptions).set({ confirmedAt: NOW });
    // A fifth for events, never confirmed: counting it would show events as 10.
    await signUpAt(NOW, 'unconfirmed', { ...sam, email: 'waiting@example.org' });
    const figures = await buildPublicFigures(store.db, calendarDate('2026-12-15'));
    expect(figures.subscribers).toEqual({
      'newly-shared': { fewerThan: 5 },
      events: { fewerThan: 5 },
      'you-said-we-did': { fewerThan: 5 },
      all: { shown: 10 },
    });
  });
});
