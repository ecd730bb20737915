import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SubscriptionFrequency, SubscriptionTopic } from '../../src/domain/subscriptions.ts';
import { decryptField, decryptJson } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { emailSubscriptions } from '../../src/server/db/subscriptions-schema.ts';
import { dispatchDue } from '../../src/server/mail/outbox.ts';
import { MailDeliveryError, type Mailer, type MailMessage } from '../../src/server/mail/transport.ts';
import { sendWeeklyDigest } from '../../src/server/subscriptions/digest.ts';
import type { UpdateFeedEntry } from '../../src/server/subscriptions/feed.ts';
import { sendPublishedUpdates } from '../../src/server/subscriptions/send.ts';
import { signUp } from '../../src/server/subscriptions/store.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

/** Wednesday 9 December 2026, midday in London. */
const NOW = new Date('2026-12-09T12:00:00Z');
const hash = (char: string) => char.repeat(64);

const update = (overrides: Partial<UpdateFeedEntry> = {}): UpdateFeedEntry => ({
  slug: 'care-homes-join',
  title: 'Care homes join the shared care record',
  summary: 'From March, care homes can see the record. You can opt out before it starts.',
  date: '2026-12-09',
  topic: 'newly-shared',
  sendAgain: false,
  hash: hash('a'),
  ...overrides,
});

describeEachStore('sending email updates', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  const deps = (now = NOW) => ({ db: store.db, keyring, now: () => now });
  let keys = 0;

  /** A sign-up, confirmed unless told otherwise. */
  async function subscriber(
    email: string,
    topics: SubscriptionTopic[],
    frequency: SubscriptionFrequency = 'immediate',
    confirmed = true,
  ) {
    keys += 1;
    await signUp(store.db, keyring, { email, topics, frequency }, { idempotencyKey: `k${keys}`, lang: 'en', now: NOW });
    if (confirmed) await store.db.update(emailSubscriptions).set({ confirmedAt: NOW });
    // The confirmation emails are not what these tests are about.
    await store.db.delete(outboxMessages);
  }

  /** The queued update emails, as address → template and parameters. */
  async function queued(template: string) {
    const rows = await store.db.select().from(outboxMessages).where(eq(outboxMessages.template, template));
    return rows.map((row) => ({
      to: decryptField(keyring, row.recipientEncrypted, slotOf(outboxMessages.recipientEncrypted, row.dedupeKey)),
      params: decryptJson(
        keyring,
        row.paramsEncrypted,
        slotOf(outboxMessages.paramsEncrypted, row.dedupeKey),
      ) as Record<string, string>,
    }));
  }
  const recipients = async (template = 'update-notice') => (await queued(template)).map((e) => e.to).sort();

  it('emails a published update once to each confirmed "as it happens" subscriber on its topic', async () => {
    await subscriber('shared@example.org', ['newly-shared']);
    await subscriber('all@example.org', ['all']);
    await subscriber('events@example.org', ['events']);
    await subscriber('weekly@example.org', ['newly-shared'], 'weekly');
    await subscriber('unconfirmed@example.org', ['all'], 'immediate', false);

    expect(await sendPublishedUpdates(deps(), [update()])).toEqual([{ slug: 'care-homes-join', emails: 2 }]);
    expect(await recipients()).toEqual(['all@example.org', 'shared@example.org']);
    const [email] = await queued('update-notice');
    expect(email?.params).toMatchObject({ slug: 'care-homes-join', title: update().title });

    // Republished as it was, or two senders at once: nothing more is queued.
    expect(await sendPublishedUpdates(deps(), [update()])).toEqual([]);
    await Promise.all([sendPublishedUpdates(deps(), [update()]), sendPublishedUpdates(deps(), [update()])]);
    expect(await recipients()).toHaveLength(2);
  });

  it('sends an update with no topic only to people who chose all updates', async () => {
    await subscriber('events@example.org', ['events']);
    await subscriber('all@example.org', ['all']);
    await sendPublishedUpdates(deps(), [update({ topic: null })]);
    expect(await recipients()).toEqual(['all@example.org']);
  });

  it('does not resend a typo fix, and sends an edit again once when "send again" is ticked', async () => {
    await subscriber('shared@example.org', ['newly-shared']);
    await sendPublishedUpdates(deps(), [update()]);
    expect(await sendPublishedUpdates(deps(), [update({ hash: hash('b') })])).toEqual([]);
    expect(await recipients()).toHaveLength(1);

    const edited = update({ hash: hash('b'), sendAgain: true });
    expect(await sendPublishedUpdates(deps(), [edited])).toEqual([{ slug: 'care-homes-join', emails: 1 }]);
    // The box left ticked: the same version is not sent a third time.
    expect(await sendPublishedUpdates(deps(), [edited])).toEqual([]);
    expect(await recipients()).toHaveLength(2);
  });

  it('sends updates published today or in the last 7 days, not older ones or ones dated ahead', async () => {
    await subscriber('all@example.org', ['all']);
    const sent = await sendPublishedUpdates(deps(), [
      update({ slug: 'today' }),
      update({ slug: 'last-week', date: '2026-12-02' }),
      update({ slug: 'old', date: '2026-12-01' }),
      update({ slug: 'tomorrow', date: '2026-12-10' }),
    ]);
    expect(sent.map((s) => s.slug).sort()).toEqual(['last-week', 'today']);
  });

  it('sends each weekly subscriber one digest of last week on their topics, once', async () => {
    await subscriber('weekly-shared@example.org', ['newly-shared'], 'weekly');
    await subscriber('weekly-all@example.org', ['all'], 'weekly');
    await subscriber('weekly-events@example.org', ['events'], 'weekly');
    await sendPublishedUpdates(deps(), [update(), update({ slug: 'you-said', topic: 'you-said-we-did' })]);
    // Still the same week: nothing yet.
    expect(await sendWeeklyDigest(deps(new Date('2026-12-13T20:00:00Z')))).toMatchObject({ week: '2026-11-30' });
    expect(await recipients('update-digest')).toEqual([]);

    const monday = new Date('2026-12-14T08:00:00Z');
    expect(await sendWeeklyDigest(deps(monday))).toEqual({ week: '2026-12-07', emails: 2 });
    expect(await sendWeeklyDigest(deps(monday))).toBeUndefined();
    const digests = await queued('update-digest');
    expect(digests.map((d) => d.to).sort()).toEqual(['weekly-all@example.org', 'weekly-shared@example.org']);
    const items = (to: string) =>
      (JSON.parse(digests.find((d) => d.to === to)?.params['items'] ?? '[]') as { slug: string }[]).map((i) => i.slug);
    expect(items('weekly-all@example.org')).toEqual(['care-homes-join', 'you-said']);
    expect(items('weekly-shared@example.org')).toEqual(['care-homes-join']);
  });

  it('stops mail to a subscriber whose address the mail server refuses for good (hard bounce)', async () => {
    await subscriber('gone@example.org', ['all']);
    await sendPublishedUpdates(deps(), [update()]);
    const sent: MailMessage[] = [];
    const refusing: Mailer = {
      kind: 'smtp',
      send: async (message) => {
        const reply = message.to === 'gone@example.org' ? 550 : 451;
        if (message.subject.startsWith('Test')) return void sent.push(message);
        throw new MailDeliveryError('The SMTP server did not accept the message', {
          cause: new Error(`${reply} mailbox unavailable`),
          unreachable: false,
          permanent: reply >= 500,
        });
      },
      verify: async () => {},
      close: () => {},
    };
    const context = {
      db: store.db,
      keyring,
      mailer: refusing,
      siteUrl: 'http://x.test',
      schemeName: 'Test',
      now: () => NOW,
    };
    expect(await dispatchDue(context)).toEqual({ sent: 0, failed: 0, dead: 1 });
    expect(await store.db.select().from(emailSubscriptions)).toEqual([]);
    // Nothing more is queued to the address: the next update finds no subscriber.
    expect(await sendPublishedUpdates(deps(), [update({ slug: 'next' })])).toEqual([{ slug: 'next', emails: 0 }]);
  });

  it('keeps a subscriber after a temporary refusal (4xx), and retries the email', async () => {
    await subscriber('busy@example.org', ['all']);
    await sendPublishedUpdates(deps(), [update()]);
    const busy: Mailer = {
      kind: 'smtp',
      send: async () => {
        throw new MailDeliveryError('The SMTP server did not accept the message', {
          cause: new Error('451 try later'),
          unreachable: false,
          permanent: false,
        });
      },
      verify: async () => {},
      close: () => {},
    };
    const context = {
      db: store.db,
      keyring,
      mailer: busy,
      siteUrl: 'http://x.test',
      schemeName: 'Test',
      now: () => NOW,
    };
    expect(await dispatchDue(context)).toEqual({ sent: 0, failed: 1, dead: 0 });
    expect(await store.db.select().from(emailSubscriptions)).toHaveLength(1);
  });
});
