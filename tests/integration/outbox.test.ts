import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { decryptField } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import type { Store } from '../../src/server/db/client.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import {
  dispatchDue,
  enqueueEmail,
  OUTBOX_BATCH,
  outboxSummary,
  RETRY_WINDOW_MS,
} from '../../src/server/mail/outbox.ts';
import { drainOutbox } from '../../src/server/mail/outbox-timer.ts';
import type { Mailer, MailMessage } from '../../src/server/mail/transport.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

/** A mailer that records messages and can be told to fail, standing in for an SMTP server. */
function recordingMailer() {
  const sent: MailMessage[] = [];
  const state = { failing: false };
  const mailer: Mailer = {
    kind: 'smtp',
    send: async (message) => {
      if (state.failing) throw new Error('451 Try again later for resident@example.org');
      sent.push(message);
    },
    verify: async () => {},
    close: () => {},
  };
  return { mailer, sent, state };
}

describeEachStore('the outbox', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  const context = (mailer: Mailer, now?: () => Date) => ({
    db: store.db,
    keyring,
    mailer,
    siteUrl: 'http://127.0.0.1:4321',
    schemeName: 'Test Scheme',
    ...(now ? { now } : {}),
  });

  it('queues an email with the request it belongs to and sends it once', async () => {
    await store.db.transaction(async (tx) => {
      await enqueueEmail(tx, keyring, {
        dedupeKey: 'test:ABC3DE5F',
        to: 'resident@example.org',
        template: 'delivery-check',
        params: { reference: 'ABC3DE5F' },
      });
      // A double submit queues the same email again: the dedupe key keeps one copy.
      await enqueueEmail(tx, keyring, {
        dedupeKey: 'test:ABC3DE5F',
        to: 'resident@example.org',
        template: 'delivery-check',
        params: { reference: 'ABC3DE5F' },
      });
    });
    const { mailer, sent } = recordingMailer();
    expect(await dispatchDue(context(mailer))).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(await dispatchDue(context(mailer))).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('resident@example.org');
    expect(sent[0]?.subject).toContain('ABC3DE5F');
  });

  it('drops the queued email when the transaction that queued it rolls back', async () => {
    await expect(
      store.db.transaction(async (tx) => {
        await enqueueEmail(tx, keyring, {
          dedupeKey: 'test:rollback',
          to: 'a@example.org',
          template: 'delivery-check',
          params: { reference: 'R' },
        });
        throw new Error('the request could not be saved');
      }),
    ).rejects.toThrow('could not be saved');
    expect((await outboxSummary(store.db)).pending).toBe(0);
  });

  it('keeps the recipient encrypted at rest', async () => {
    await enqueueEmail(store.db, keyring, {
      dedupeKey: 'test:enc',
      to: 'canary.person@example.org',
      template: 'delivery-check',
      params: { reference: 'SECRET7' },
    });
    const [row] = await store.db.select().from(outboxMessages).where(eq(outboxMessages.dedupeKey, 'test:enc'));
    expect(JSON.stringify(row)).not.toContain('canary.person');
    expect(JSON.stringify(row)).not.toContain('SECRET7');
    expect(
      decryptField(keyring, row?.recipientEncrypted ?? '', slotOf(outboxMessages.recipientEncrypted, 'test:enc')),
    ).toBe('canary.person@example.org');
  });

  it('retries after a failure with backoff, without logging the address, and sends once the server recovers', async () => {
    await enqueueEmail(store.db, keyring, {
      dedupeKey: 'test:retry',
      to: 'resident@example.org',
      template: 'delivery-check',
      params: { reference: 'R2' },
    });
    const { mailer, sent, state } = recordingMailer();
    state.failing = true;
    // A second ahead: the database clock has microseconds, JavaScript only milliseconds.
    let now = new Date(Date.now() + 1000);
    expect(await dispatchDue(context(mailer, () => now))).toEqual({ sent: 0, failed: 1, dead: 0 });
    const [failed] = await store.db.select().from(outboxMessages);
    expect(failed?.status).toBe('pending');
    expect(failed?.lastError).not.toContain('resident@example.org');
    expect(failed?.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    // Not due yet: nothing is sent even though the server is back.
    state.failing = false;
    expect((await dispatchDue(context(mailer, () => now))).sent).toBe(0);
    now = new Date(now.getTime() + 60 * 60 * 1000);
    expect((await dispatchDue(context(mailer, () => now))).sent).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('marks a message dead after 72 hours of failures so staff can see it', async () => {
    await enqueueEmail(store.db, keyring, {
      dedupeKey: 'test:dead',
      to: 'resident@example.org',
      template: 'delivery-check',
      params: { reference: 'R3' },
    });
    const { mailer, state } = recordingMailer();
    state.failing = true;
    const later = new Date(Date.now() + RETRY_WINDOW_MS + 1000);
    expect(await dispatchDue(context(mailer, () => later))).toEqual({ sent: 0, failed: 0, dead: 1 });
    expect((await outboxSummary(store.db)).dead).toBe(1);
  });

  it('retries a message whose sender crashed mid-send once its claim expires', async () => {
    await enqueueEmail(store.db, keyring, {
      dedupeKey: 'test:crash',
      to: 'resident@example.org',
      template: 'delivery-check',
      params: { reference: 'R4' },
    });
    await store.db.update(outboxMessages).set({ status: 'sending', lockedUntil: new Date(Date.now() - 1000) });
    const { mailer, sent } = recordingMailer();
    expect((await dispatchDue(context(mailer))).sent).toBe(1);
    expect(sent).toHaveLength(1);
  });
  it('marks each email sent as the mail server takes it, so a crash mid-batch repeats none sent before it', async () => {
    for (const n of [1, 2, 3])
      await enqueueEmail(store.db, keyring, {
        dedupeKey: `test:batch-${n}`,
        to: `resident${n}@example.org`,
        template: 'delivery-check',
        params: { reference: `R${n}` },
      });
    let seenDuringThird: string[] = [];
    let sends = 0;
    const watching: Mailer = {
      kind: 'smtp',
      send: async () => {
        sends += 1;
        // Were the process killed now, with the third email at the mail server, a restart would
        // find this: the two the mail server took are sent, and only the third goes again.
        if (sends === 3)
          seenDuringThird = (await store.db.select().from(outboxMessages)).map((row) => row.status).sort();
      },
      verify: async () => {},
      close: () => {},
    };
    // A second on: an email queued within the same millisecond is otherwise not due yet (the
    // database's clock keeps microseconds, JavaScript's milliseconds).
    const later = new Date(Date.now() + 1000);
    expect((await dispatchDue(context(watching, () => later))).sent).toBe(3);
    expect(seenDuringThird).toEqual(['sending', 'sent', 'sent']);
  });

  it('skips an email another sender claimed after this batch’s claim ran out, so it is not sent twice', async () => {
    for (const n of [1, 2])
      await enqueueEmail(store.db, keyring, {
        dedupeKey: `test:slow-${n}`,
        to: `resident${n}@example.org`,
        template: 'delivery-check',
        params: { reference: `S${n}` },
      });
    const delivered: string[] = [];
    const second = recordingMailer();
    let now = new Date();
    const slow: Mailer = {
      kind: 'smtp',
      send: async (message) => {
        // The first email takes longer than the claim; meanwhile another sender claims the batch
        // again and sends it (the email in flight goes twice: that much no sender can avoid).
        now = new Date(now.getTime() + 3 * 60 * 1000);
        await dispatchDue(context(second.mailer, () => now));
        delivered.push(String(message.to));
      },
      verify: async () => {},
      close: () => {},
    };
    await dispatchDue(context(slow, () => now));
    delivered.push(...second.sent.map((message) => String(message.to)));
    // The first sender does not go on to the second email, which the other sender now holds.
    expect(delivered.filter((to) => to === 'resident2@example.org')).toHaveLength(1);
  });
  /** `count` delivery-check emails, as an update to that many subscribers would queue. */
  const queueMany = async (count: number) => {
    for (let n = 0; n < count; n += 1)
      await enqueueEmail(store.db, keyring, {
        dedupeKey: `test:bulk:${n}`,
        to: `subscriber-${n}@example.org`,
        template: 'delivery-check',
        params: { reference: `R${n}` },
      });
  };

  it('the scheduled run sends batch after batch, lanes side by side, each email once, until the queue is empty', async () => {
    const count = OUTBOX_BATCH * 3 + 7;
    await queueMany(count);
    const { mailer, sent } = recordingMailer();
    const done = await drainOutbox(() => dispatchDue(context(mailer)), Date.now() + 60_000, 3);
    expect(done).toMatchObject({ sent: count, failed: 0, dead: 0 });
    // Four full batches' worth of claims at most, plus the lanes' last look at an empty queue.
    expect(done.batches).toBeGreaterThanOrEqual(4);
    expect(done.batches).toBeLessThanOrEqual(4 + 3);
    expect(sent).toHaveLength(count);
    expect(new Set(sent.map((message) => message.to)).size).toBe(count);
    expect((await outboxSummary(store.db)).pending).toBe(0);
  });

  it('the scheduled run starts no batch after its time is up: one per lane, the rest left for the next minute', async () => {
    await queueMany(OUTBOX_BATCH * 3);
    const { mailer, sent } = recordingMailer();
    const done = await drainOutbox(() => dispatchDue(context(mailer)), Date.now() - 1, 2);
    expect(done).toMatchObject({ sent: OUTBOX_BATCH * 2, batches: 2 });
    expect(sent).toHaveLength(OUTBOX_BATCH * 2);
    expect((await outboxSummary(store.db)).pending).toBe(OUTBOX_BATCH);
  });

  it('the scheduled run stops at a batch the mail server refuses, leaving the backoff to space the retries', async () => {
    await queueMany(OUTBOX_BATCH * 2);
    const { mailer, sent, state } = recordingMailer();
    state.failing = true;
    const done = await drainOutbox(() => dispatchDue(context(mailer)), Date.now() + 60_000, 1);
    expect(done.batches).toBe(1);
    expect(done.sent).toBe(0);
    expect(done.failed).toBe(OUTBOX_BATCH);
    expect(sent).toHaveLength(0);
  });
});
