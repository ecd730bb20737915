import nodemailer from 'nodemailer';
import postgres from 'postgres';
import { todayInLondon } from '../src/domain/calendar-date.ts';
import { openStore } from '../src/server/db/client.ts';
import { dispatchDue } from '../src/server/mail/outbox.ts';
import { drainOutbox, SCHEDULED_SEND_LANES, SCHEDULED_SEND_MS } from '../src/server/mail/outbox-timer.ts';
import { smtpMailer } from '../src/server/mail/transport.ts';
import { sendPublishedUpdates } from '../src/server/subscriptions/send.ts';
import { startSmtpSink } from '../tests/support/smtp-sink.ts';
import { benchArguments } from './lib/arguments.ts';
import { startPostgres } from './lib/server.ts';
import { benchKeyring, benchUpdate, seedSubscribers } from './lib/subscribers.ts';

/**
 * How much email one run of the scheduled outbox function sends (issue 18: an update to 50,000
 * subscribers on Netlify, where the function runs once a minute for at most 30 s). One update is
 * queued to every subscriber on a throwaway PostgreSQL, then the function's own drain
 * (drainOutbox over dispatchDue: claim, decrypt, render, SMTP, mark sent) runs for its window
 * (SCHEDULED_SEND_MS) against a real SMTP server on loopback, first with one lane (one batch at
 * a time), then, after a second update is queued, with the function's lanes. Beside them, in the
 * same run: nodemailer's pooled transport sending the same kind of message straight to the same
 * server for the same window, no database: the floor this machine and SMTP server set.
 *
 * A relay across a network answers each message in tens of milliseconds, not the fraction of one
 * that loopback takes; the lanes are for that wait, which this bench does not have.
 */
const args =
  benchArguments(`Usage: npm run bench -- outbox-drain [subscribers, default 20000] [window seconds, default ${SCHEDULED_SEND_MS / 1000}]

Queues one update to that many subscribers, then sends for one scheduled run's window with one
lane and with the function's lanes; prints emails sent per run and the time 50,000 would take at
one run a minute, beside nodemailer sending straight to the same SMTP server. Needs PostgreSQL.`);
const count = args.count(0, 20_000, 'number of subscribers');
const windowMs = args.count(1, SCHEDULED_SEND_MS / 1000, 'window in seconds') * 1000;
// The outbox logs a line per batch ("Emails sent", with ids): hundreds here, which would bury the figures.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
  String(chunk).startsWith('{"time"') ? true : write(chunk, ...rest)) as typeof process.stdout.write;
const keyring = benchKeyring();
const pg = await startPostgres();
const sink = await startSmtpSink();
try {
  await seedSubscribers(pg.url, keyring, count);
  const store = await openStore({ databaseUrl: pg.url, dataDir: '/tmp' });
  const mailer = smtpMailer(sink.url, 'Clearshare <updates@bench.example>');
  const context = {
    db: store.db,
    keyring,
    mailer,
    siteUrl: 'https://clearshare.example',
    schemeName: 'Bench Shared Care Record',
  };
  const today = todayInLondon(new Date());
  const rows: string[] = [];
  const per50k = (sent: number) => (sent === 0 ? 'never' : `${Math.ceil(50_000 / sent)} min`);

  // The floor: the same server, pooled nodemailer, no database, for the same window.
  const direct = nodemailer.createTransport({ url: `${sink.url}?pool=true` });
  let floor = 0;
  const floorUntil = Date.now() + windowMs;
  await Promise.all(
    Array.from({ length: SCHEDULED_SEND_LANES }, async () => {
      while (Date.now() < floorUntil) {
        await direct.sendMail({
          from: 'updates@bench.example',
          to: `floor-${floor}@bench.example`,
          subject: 'Care homes join the shared care record',
          text: 'From March, care homes can see the record. You can opt out before it starts.\n'.repeat(8),
        });
        floor += 1;
      }
    }),
  );
  direct.close();
  rows.push(
    `nodemailer straight to SMTP, ${SCHEDULED_SEND_LANES} at once: ${floor} emails (50,000 in ${per50k(floor)})`,
  );

  for (const [n, lanes] of [
    [1, 1],
    [2, SCHEDULED_SEND_LANES],
  ] as const) {
    const update = { ...benchUpdate(today), slug: `bench-update-${n}`, hash: String(n).repeat(64) };
    const [queued] = await sendPublishedUpdates({ db: store.db, keyring }, [update]);
    const received = sink.received.length;
    const started = performance.now();
    const done = await drainOutbox(() => dispatchDue(context), Date.now() + windowMs, lanes);
    const seconds = (performance.now() - started) / 1000;
    rows.push(
      `scheduled run, ${lanes} lane${lanes === 1 ? '' : 's'}: ${done.sent} sent of ${queued?.emails ?? 0} queued in ${seconds.toFixed(1)} s ` +
        `(${done.batches} batches, ${done.failed} failed; SMTP server received ${sink.received.length - received}; 50,000 in ${per50k(done.sent)} at one run a minute)`,
    );
    const raw = postgres(pg.url, { max: 1, onnotice: () => {} });
    await raw`update outbox_messages set status = 'sent' where status <> 'sent'`;
    await raw.end();
  }
  mailer.close();
  await store.close();
  process.stdout.write(`subscribers ${count}, window ${windowMs / 1000} s\n${rows.join('\n')}\n`);
} finally {
  await sink.stop();
  pg.cluster.stop();
}
