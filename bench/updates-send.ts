import postgres from 'postgres';
import { todayInLondon } from '../src/domain/calendar-date.ts';
import { openStore } from '../src/server/db/client.ts';
import { sendPublishedUpdates } from '../src/server/subscriptions/send.ts';
import { benchArguments } from './lib/arguments.ts';
import { startPostgres } from './lib/server.ts';
import { benchKeyring, benchUpdate, seedSubscribers } from './lib/subscribers.ts';

/**
 * Publishing one update to every subscriber (issue 18: "it must hold 50,000 subscribers"): the
 * sender's real path (sendPublishedUpdates: read, decrypt, encrypt, insert in one transaction)
 * on PostgreSQL, timed with this process's peak memory, beside a baseline in the same database
 * and run: one plain INSERT ... SELECT of the same number of outbox rows, no crypto, which is the
 * floor for writing that many rows on this machine.
 */
const args = benchArguments(`Usage: npm run bench -- updates-send [subscribers, default 50000]

Queues one update to that many confirmed subscribers through the outbox on PostgreSQL; prints the
time, peak memory and outbox rows per second, beside a plain INSERT ... SELECT of as many rows.
Needs PostgreSQL (apt-get install postgresql).`);
const count = args.count(0, 50_000, 'number of subscribers');
const keyring = benchKeyring();
const pg = await startPostgres();
try {
  await seedSubscribers(pg.url, keyring, count);
  const raw = postgres(pg.url, { max: 1, onnotice: () => {} });
  await raw`vacuum analyze email_subscriptions`;
  let started = performance.now();
  await raw`insert into outbox_messages (dedupe_key, recipient_encrypted, template, params_encrypted)
    select 'baseline:' || id, email_encrypted, 'update-notice', manage_token_encrypted from email_subscriptions`;
  const baselineMs = performance.now() - started;
  await raw`delete from outbox_messages`;
  await raw`vacuum analyze outbox_messages`;
  await raw.end();

  const store = await openStore({ databaseUrl: pg.url, dataDir: '/tmp' });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  started = performance.now();
  const [sent] = await sendPublishedUpdates({ db: store.db, keyring }, [benchUpdate(todayInLondon(new Date()))]);
  const sendMs = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await store.close();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  process.stdout.write(
    `subscribers ${count}, emails queued ${sent?.emails ?? 0}\n` +
      `update send: ${(sendMs / 1000).toFixed(2)} s, ${Math.round(((sent?.emails ?? 0) * 1000) / sendMs)} outbox rows/s, ` +
      `RSS ${mb(rssBefore)} before, peak ${mb(peak)} (+${mb(peak - rssBefore)})\n` +
      `baseline INSERT ... SELECT: ${(baselineMs / 1000).toFixed(2)} s, ${Math.round((count * 1000) / baselineMs)} rows/s\n`,
  );
  if (sent?.emails !== count) process.exitCode = 1;
} finally {
  pg.cluster.stop();
}
