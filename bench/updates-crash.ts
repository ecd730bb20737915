import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import postgres from 'postgres';
import { todayInLondon } from '../src/domain/calendar-date.ts';
import { RUNTIME_FILES } from '../src/server/runtime-files.ts';
import { UPDATE_FEED_PATH } from '../src/server/subscriptions/feed.ts';
import { repeatedMessageIds, startSmtpSink } from '../tests/support/smtp-sink.ts';
import { benchArguments } from './lib/arguments.ts';
import { freePort, type RunningServer, root, startPostgres, startServer, stopServer } from './lib/server.ts';
import { benchKeyring, benchUpdate, seedSubscribers, subscriberAddress } from './lib/subscribers.ts';

/**
 * Crash safety of a bulk send (issue 18): one update published to 10,000 subscribers while the
 * real server (its update sender and outbox timers) is SIGKILLed five times at random moments and
 * restarted. Then, once the outbox has sent everything, the SMTP sink's deliveries are counted
 * per address: each subscriber must have exactly one (none lost, none twice).
 */
const args = benchArguments(`Usage: npm run bench -- updates-crash [subscribers, default 10000] [kills, default 5]

One update sent to that many subscribers while the server is killed with SIGKILL that many times;
then every subscriber must have received it exactly once at the SMTP sink. Needs PostgreSQL
(apt-get install postgresql) and npm run build (the server's page shells).`);
const count = args.count(0, 10_000, 'number of subscribers');
const kills = args.count(1, 5, 'number of kills');

/** A STATIC_DIR with the built shells the server needs, and a feed holding one update published today. */
function staticDirWithUpdate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clearshare-updates-crash-'));
  for (const { setting, file } of RUNTIME_FILES) {
    if (setting !== 'STATIC_DIR') continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(resolve(root, 'dist', file), join(dir, file));
  }
  mkdirSync(dirname(join(dir, UPDATE_FEED_PATH)), { recursive: true });
  writeFileSync(join(dir, UPDATE_FEED_PATH), JSON.stringify({ updates: [benchUpdate(todayInLondon(new Date()))] }));
  return dir;
}

const sink = await startSmtpSink();
const pg = await startPostgres();
const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
const outbox = async () => {
  const [row] = await sql<{ queued: number; sent: number }[]>`
    select count(*)::int as queued, (count(*) filter (where status = 'sent'))::int as sent
    from outbox_messages where template = 'update-notice'`;
  return row ?? { queued: 0, sent: 0 };
};
try {
  await seedSubscribers(pg.url, benchKeyring(), count);
  const port = await freePort();
  const env = { STATIC_DIR: staticDirWithUpdate(), SMTP_URL: sink.url, OUTBOX_INTERVAL_MS: '100' };
  let server: RunningServer = await startServer({ port, databaseUrl: pg.url, env });
  const started = Date.now();
  for (let kill = 1; kill <= kills; kill += 1) {
    // The first kill lands while the update is being queued (or before); the others once some of
    // it has gone out, at a random point in the sending.
    await new Promise((done) => setTimeout(done, 500 + Math.random() * 3500));
    const target = kill === 1 ? 0 : sink.received.length + 200 + Math.floor(Math.random() * 1500);
    while (sink.received.length < target && sink.received.length < count)
      await new Promise((done) => setTimeout(done, 50));
    await stopServer(server, 'SIGKILL');
    const state = await outbox();
    process.stdout.write(
      `kill ${kill}: SIGKILL with ${state.queued} queued, ${state.sent} marked sent, ${sink.received.length} delivered\n`,
    );
    server = await startServer({ port, databaseUrl: pg.url, env });
  }
  // A message claimed by a killed server is sent again once its claim runs out (2 minutes).
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const state = await outbox();
    if (state.queued === count && state.sent === count) break;
    if (Date.now() > deadline) {
      process.stdout.write(`gave up waiting: ${state.queued} queued, ${state.sent} sent\n`);
      break;
    }
    await new Promise((done) => setTimeout(done, 1000));
  }
  await stopServer(server);
  const perAddress = new Map<string, number>();
  for (const email of sink.received) for (const to of email.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
  const expected = Array.from({ length: count }, (_, n) => subscriberAddress(n));
  const lost = expected.filter((address) => !perAddress.has(address)).length;
  const twice = expected.filter((address) => (perAddress.get(address) ?? 0) > 1).length;
  const sends = await sql<{ n: number }[]>`select count(*)::int as n from update_sends`;
  process.stdout.write(
    `subscribers ${count}, kills ${kills}, update_sends rows ${sends[0]?.n}, delivered ${sink.received.length} ` +
      `in ${((Date.now() - started) / 1000).toFixed(0)} s: lost ${lost}, twice ${twice} ` +
      `(same Message-ID twice ${repeatedMessageIds(sink.received)})\n`,
  );
  process.exitCode = lost === 0 && twice === 0 ? 0 : 1;
} finally {
  await sql.end();
  await sink.stop();
  pg.cluster.stop();
}
