import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { dispatchDue } from '../../src/server/mail/outbox.ts';
import { type Mailer, smtpMailer } from '../../src/server/mail/transport.ts';
import {
  dispatchUntilEmpty,
  FAST_SMTP_TIMEOUTS,
  leapingClock,
  outboxCounts,
  queueEmails,
} from '../support/fault-outbox.ts';
import { repeatedMessageIds, type SinkMode, type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';
import { openPgliteStore, testKeyring } from '../support/stores.ts';

/**
 * Injected fault: the mail server refuses, rejects, goes away or stops answering for a while.
 * Emails stay in the outbox through the outage and every one arrives once after it, through a
 * real SMTP server and the real transport. A server that never answers costs one timeout per
 * dispatch, not one per message, and never leaves a dispatch hanging.
 */
describe('emails survive an SMTP outage', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  let sink: SmtpSink;
  let mailer: Mailer;
  const keyring = testKeyring();
  const EMAILS = 8;
  const OUTAGE_ROUNDS = 3;

  beforeAll(async () => {
    store = await openPgliteStore();
  });
  afterAll(async () => store.dispose());
  beforeEach(async () => {
    await store.db.delete(outboxMessages);
    sink = await startSmtpSink();
    mailer = smtpMailer(sink.url, 'Scheme <no-reply@example.org>', FAST_SMTP_TIMEOUTS);
  });
  afterEach(async () => {
    mailer.close();
    await sink.stop();
  });

  const context = () => ({ db: store.db, keyring, mailer, siteUrl: 'http://local', schemeName: 'Test Scheme' });

  type Fault = { name: string; start(): Promise<void> | void; end(): Promise<void> | void; unreachable: boolean };
  const modeFault = (mode: SinkMode, name: string, unreachable: boolean): Fault => ({
    name,
    start: () => sink.mode(mode),
    end: () => sink.mode('accept'),
    unreachable,
  });
  const faults: Fault[] = [
    modeFault('refuse', 'replies 451 (try later) to every message', false),
    modeFault('reject', 'replies 554 to every message', false),
    modeFault('hang-greeting', 'accepts connections and never greets', true),
    modeFault('hang-data', 'takes each message and never replies', true),
    { name: 'is down (connection refused)', start: () => sink.down(), end: () => sink.up(), unreachable: true },
  ];

  for (const fault of faults) {
    it(`delivers every email exactly once after a server that ${fault.name} recovers`, async () => {
      const keys = await queueEmails(store.db, keyring, 'smtp', EMAILS);
      const clock = leapingClock();
      await fault.start();
      for (let round = 0; round < OUTAGE_ROUNDS; round += 1) {
        clock.leap();
        const counts = await dispatchDue({ ...context(), now: clock.now }, 100);
        expect(counts.sent).toBe(0);
        expect(counts.failed).toBe(EMAILS);
      }
      expect(sink.received).toHaveLength(0);
      const during = await outboxCounts(store.db);
      expect(during.waiting).toBe(EMAILS);
      // A server that cannot be reached is tried once per round; the rest wait without an attempt.
      expect(during.attempts).toBe(fault.unreachable ? OUTAGE_ROUNDS : OUTAGE_ROUNDS * EMAILS);

      await fault.end();
      await dispatchUntilEmpty(context(), clock);
      expect(await outboxCounts(store.db)).toMatchObject({ waiting: 0, sent: EMAILS });
      expect(sink.received).toHaveLength(EMAILS);
      expect(repeatedMessageIds(sink.received)).toBe(0);
      expect(new Set(sink.received.map((email) => email.to[0]))).toEqual(
        new Set(keys.map((_, i) => `resident${i}@example.org`)),
      );
    });
  }

  it('delivers every email once when the server flaps between faults and service', async () => {
    await queueEmails(store.db, keyring, 'flap', EMAILS);
    const clock = leapingClock();
    const cycle: Fault[] = [faults[0], faults[3], faults[4]].filter((f): f is Fault => f !== undefined);
    // Each round lets through at most a couple of emails before the next fault.
    for (const fault of [...cycle, ...cycle]) {
      clock.leap();
      await dispatchDue({ ...context(), now: clock.now }, 2);
      await fault.start();
      clock.leap();
      await dispatchDue({ ...context(), now: clock.now }, 100);
      await fault.end();
    }
    await dispatchUntilEmpty(context(), clock);
    expect(sink.received).toHaveLength(EMAILS);
    expect(repeatedMessageIds(sink.received)).toBe(0);
  });
});
