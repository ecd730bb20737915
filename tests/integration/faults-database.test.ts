import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { log } from '../../src/server/log.ts';
import { dispatchDue } from '../../src/server/mail/outbox.ts';
import { startOutboxTimer } from '../../src/server/mail/outbox-timer.ts';
import { type Mailer, smtpMailer } from '../../src/server/mail/transport.ts';
import type { Services } from '../../src/server/services.ts';
import { expectErrorLogs } from '../support/error-logs.ts';
import { type FaultyDatabase, faultyPglite, faultyPostgres, storedRows } from '../support/fault-database.ts';
import { journeys, referenceIn } from '../support/fault-journeys.ts';
import { FAST_SMTP_TIMEOUTS, outboxCounts, queueEmails } from '../support/fault-outbox.ts';
import { repeatedMessageIds, type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';
import { testServices } from '../support/stores.ts';

/**
 * Injected fault: the database goes away. At submit time the person is told nothing was recorded
 * and given no reference, in JSON and on the no-JavaScript page alike, and nothing is stored; the
 * same submission succeeds once the database is back (the client reconnects by itself). During
 * outbox dispatch nothing crashes and nothing is lost, and every email goes out once it returns.
 */
const NOTHING_RECORDED = 'We could not save your request. Nothing was recorded.';
const serverUrl = process.env['TEST_DATABASE_URL'];
const kinds: [string, () => Promise<FaultyDatabase>][] = [['PGlite', faultyPglite]];
if (serverUrl) kinds.push(['PostgreSQL', () => faultyPostgres(serverUrl)]);
else if (process.env['CI'] === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set');

for (const [kind, open] of kinds) {
  describe(`the database is unavailable at submit time [${kind}]`, () => {
    let database: FaultyDatabase;
    beforeAll(async () => {
      database = await open();
      database.install(await testServices(database.store));
    });
    afterAll(async () => database.dispose());

    journeys.forEach((journey, index) => {
      it(`${journey.name}: says nothing was recorded, gives no reference, stores nothing; works once it is back`, async () => {
        // The handlers log the outage they answer 503 for: the fault this test injects.
        expectErrorLogs(/^Opt-out: store unavailable/, /^Feedback not saved/);
        const ip = `198.51.100.${index + 1}`;
        const submission = await journey.start(index + 1, ip);
        const before = await storedRows(database.store);

        await database.cut();
        const refused = await submission.send().finally(() => database.restore());
        expect(refused.status).toBe(503);
        expect(refused.headers.get('cache-control')).toContain('no-store');
        const text = await refused.clone().text();
        if (journey.answers === 'json') {
          expect(JSON.parse(text)).toEqual({ errors: [{ field: null, message: NOTHING_RECORDED }] });
        } else {
          expect(refused.headers.get('content-type')).toContain('text/html');
          expect(text).toContain(NOTHING_RECORDED);
        }
        expect(await referenceIn(refused)).toBeUndefined();
        expect(await storedRows(database.store)).toBe(before);

        // The same submission again, database back: accepted, with a reference, stored once.
        const accepted = await submission.send();
        expect(accepted.status).toBeLessThan(300);
        expect(await referenceIn(accepted)).toMatch(/^[A-Z2-9]{8}$/);
        expect(await storedRows(database.store)).toBeGreaterThan(before);
      });
    });
  });
}

const postgresOnly = serverUrl ? describe : describe.skip;

postgresOnly('the database is unavailable during outbox dispatch [PostgreSQL]', () => {
  let database: FaultyDatabase;
  let services: Services;
  let sink: SmtpSink;
  let mailer: Mailer;
  beforeAll(async () => {
    database = await faultyPostgres(serverUrl ?? '');
    sink = await startSmtpSink();
    mailer = smtpMailer(sink.url, 'Scheme <no-reply@example.org>', FAST_SMTP_TIMEOUTS);
    services = { ...(await testServices(database.store)), mailer };
  });
  afterAll(async () => {
    mailer.close();
    await sink.stop();
    await database.dispose();
  });

  const waitFor = async (condition: () => Promise<boolean> | boolean) => {
    for (let i = 0; i < 200 && !(await condition()); i += 1) await new Promise((done) => setTimeout(done, 50));
  };

  it('logs the failure, keeps every email, and sends each once when the database returns', async () => {
    await database.store.db.delete(outboxMessages);
    sink.received.length = 0;
    await queueEmails(database.store.db, services.keyring, 'db-down', 6);
    expectErrorLogs(/^Outbox dispatch failed/);
    const errors = vi.spyOn(log, 'error');
    await database.cut();
    const stop = startOutboxTimer(services, 50);
    try {
      await waitFor(
        () => errors.mock.calls.filter(([message]) => message.includes('Outbox dispatch failed')).length >= 3,
      );
      expect(
        errors.mock.calls.filter(([message]) => message.includes('Outbox dispatch failed')).length,
      ).toBeGreaterThanOrEqual(3);
      expect(sink.received).toHaveLength(0);
      await database.restore();
      await waitFor(() => sink.received.length >= 6);
    } finally {
      await stop();
      errors.mockRestore();
      await database.restore();
    }
    expect(sink.received).toHaveLength(6);
    expect(repeatedMessageIds(sink.received)).toBe(0);
    expect(await outboxCounts(database.store.db)).toMatchObject({ waiting: 0, sent: 6 });
  });

  it('sent but not marked sent: the email goes again after its claim expires, with the same Message-ID', async () => {
    await database.store.db.delete(outboxMessages);
    sink.received.length = 0;
    await queueEmails(database.store.db, services.keyring, 'mark-failed', 3);
    // The database goes away right after the last email of the batch left, before it is marked sent.
    let sends = 0;
    const cutAfterThird: Mailer = {
      ...mailer,
      send: async (message) => {
        await mailer.send(message);
        sends += 1;
        if (sends === 3) await database.cut();
      },
    };
    const context = { db: database.store.db, keyring: services.keyring, siteUrl: 'http://local', schemeName: 'Test' };
    const now = Date.now() + 1000;
    await expect(dispatchDue({ ...context, mailer: cutAfterThird, now: () => new Date(now) })).rejects.toThrow();
    await database.restore();
    expect(sink.received).toHaveLength(3);
    // Still claimed: nobody sends it again until the claim (2 minutes) runs out...
    expect((await dispatchDue({ ...context, mailer, now: () => new Date(now + 60_000) })).sent).toBe(0);
    // ...then it is sent again (at least once, never lost), under the Message-ID it had, so a
    // receiving server or mail program that drops repeated Message-IDs shows it once. Only the
    // last goes again: each of the others was marked sent as soon as the mail server took it.
    expect((await dispatchDue({ ...context, mailer, now: () => new Date(now + 3 * 60_000) })).sent).toBe(1);
    expect(sink.received).toHaveLength(4);
    expect(repeatedMessageIds(sink.received)).toBe(1);
    expect(new Set(sink.received.map((email) => email.messageId)).size).toBe(3);
    expect(await outboxCounts(database.store.db)).toMatchObject({ waiting: 0, sent: 3 });
  });
});
