import { afterEach, expect, it, vi } from 'vitest';
import { loadEnv } from '../../src/server/env.ts';
import { log } from '../../src/server/log.ts';
import { enqueueEmail, OUTBOX_BATCH } from '../../src/server/mail/outbox.ts';
import { kickOutbox, startOutboxTimer } from '../../src/server/mail/outbox-timer.ts';
import type { Mailer, MailMessage } from '../../src/server/mail/transport.ts';
import { closeServices, installServices, type Services } from '../../src/server/services.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import { openPgliteStore, testKeyring } from '../support/stores.ts';

/**
 * On Netlify a function has no timer: the email a request queued goes out after the answer, in
 * the same invocation, through the platform's context.waitUntil (the global Netlify.context).
 */
const globals = globalThis as { Netlify?: unknown };
afterEach(async () => {
  delete globals.Netlify;
  await closeServices();
});

async function services(): Promise<{ services: Services; sent: MailMessage[] }> {
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    kind: 'smtp',
    send: async (m) => void sent.push(m),
    verify: async () => {},
    close: () => {},
  };
  const store = await openPgliteStore();
  const s: Services = {
    env: loadEnv({}),
    store: { ...store, close: () => store.dispose() },
    keyring: testKeyring(),
    mailer,
    settings: await readSiteSettings(),
    siteUrl: 'http://127.0.0.1:4321',
  };
  installServices(s);
  await s.store.db.transaction((tx) =>
    enqueueEmail(tx, s.keyring, {
      dedupeKey: 'test:HK3BN7PD',
      to: 'resident@example.org',
      template: 'delivery-check',
      params: { reference: 'HK3BN7PD' },
    }),
  );
  return { services: s, sent };
}

it('sends queued email after the answer through the platform’s waitUntil, once', async () => {
  const { sent } = await services();
  const waiting: Promise<unknown>[] = [];
  globals.Netlify = { context: { waitUntil: (promise: Promise<unknown>) => waiting.push(promise) } };
  kickOutbox();
  expect(waiting).toHaveLength(1);
  await Promise.all(waiting);
  expect(sent.map((m) => m.to)).toEqual(['resident@example.org']);
  kickOutbox();
  await Promise.all(waiting);
  expect(sent).toHaveLength(1);
});

it('does nothing outside a request on a platform, and leaves the local server to its own dispatcher', async () => {
  const { services: s, sent } = await services();
  kickOutbox();
  expect(sent).toHaveLength(0);
  const waiting: Promise<unknown>[] = [];
  globals.Netlify = { context: { waitUntil: (promise: Promise<unknown>) => waiting.push(promise) } };
  const stop = startOutboxTimer(s, 60_000);
  try {
    kickOutbox();
    expect(waiting).toHaveLength(0);
    await expect.poll(() => sent.length).toBe(1);
  } finally {
    await stop();
  }
});

it('stopping the local dispatcher waits for the email in flight, so the database then closes without an error', async () => {
  const { services: s, sent } = await services();
  let release = () => {};
  const sending = new Promise<void>((started) => {
    s.mailer.send = async (message) => {
      started();
      await new Promise<void>((done) => {
        release = done;
      });
      sent.push(message);
    };
  });
  const errors = vi.spyOn(log, 'error');
  try {
    const stop = startOutboxTimer(s, 60_000);
    await sending;
    let stopped = false;
    const stopping = Promise.resolve(stop()).then(() => {
      stopped = true;
    });
    await new Promise((done) => setTimeout(done, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await closeServices();
    await new Promise((done) => setTimeout(done, 50));
    expect(sent).toHaveLength(1);
    expect(errors).not.toHaveBeenCalled();
    // Stopped means stopped: a later kick (another request's email) starts no dispatch.
    kickOutbox();
    await new Promise((done) => setTimeout(done, 50));
    expect(errors).not.toHaveBeenCalled();
  } finally {
    errors.mockRestore();
  }
});

/** `count` more emails in the outbox, as a bulk send queues them. */
async function queueMore(s: Services, count: number, prefix = 'bulk') {
  for (let n = 0; n < count; n += 1)
    await enqueueEmail(s.store.db, s.keyring, {
      dedupeKey: `test:${prefix}:${n}`,
      to: `${prefix}-${n}@example.org`,
      template: 'delivery-check',
      params: { reference: `R${n}` },
    });
}

/** A mailer that holds the first email until released, as a slow mail server would. */
function holdFirstSend(s: Services, sent: MailMessage[]) {
  let release = () => {};
  let held = false;
  const started = new Promise<void>((resolve) => {
    s.mailer.send = async (message) => {
      if (!held) {
        held = true;
        resolve();
        await new Promise<void>((done) => {
          release = done;
        });
      }
      sent.push(message);
    };
  });
  return { started, release: () => release() };
}

it('the local dispatcher goes on batch after batch from one tick while batches are full, until the queue is empty', async () => {
  const { services: s, sent } = await services();
  await queueMore(s, OUTBOX_BATCH * 2 + 3);
  // One tick a minute: everything going within the test means one run went on after full batches.
  const stop = startOutboxTimer(s, 60_000);
  try {
    await expect.poll(() => sent.length, { timeout: 20_000 }).toBe(OUTBOX_BATCH * 2 + 4);
    expect(new Set(sent.map((m) => m.to)).size).toBe(OUTBOX_BATCH * 2 + 4);
  } finally {
    await stop();
  }
});

it('the local dispatcher sends an email kicked during a batch once that batch is done, not at the next tick', async () => {
  const { services: s, sent } = await services();
  const slow = holdFirstSend(s, sent);
  const stop = startOutboxTimer(s, 60_000);
  try {
    await slow.started;
    await queueMore(s, 1, 'kicked');
    kickOutbox();
    await new Promise((done) => setTimeout(done, 50)); // the kick's 20 ms gathering, while the batch is held
    slow.release();
    await expect
      .poll(() => sent.map((m) => m.to), { timeout: 10_000 })
      .toEqual(['resident@example.org', 'kicked-0@example.org']);
  } finally {
    await stop();
  }
});

it('stopping the local dispatcher lets the batch in flight finish and starts no other, though more is waiting', async () => {
  const { services: s, sent } = await services();
  await queueMore(s, OUTBOX_BATCH * 2);
  const slow = holdFirstSend(s, sent);
  const stop = startOutboxTimer(s, 60_000);
  await slow.started;
  const stopping = stop();
  slow.release();
  await stopping;
  expect(sent).toHaveLength(OUTBOX_BATCH);
});
