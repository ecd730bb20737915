import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { lookupHmac } from '../src/server/crypto/field-crypto.ts';
import { benchArguments } from './lib/arguments.ts';
import { BENCH_KEYS, freePort, type RunningServer, startPostgres, startServer, stopServer } from './lib/server.ts';
import { feedbackBody } from './lib-feedback/bodies.ts';

/**
 * Crash test for the feedback endpoint: clients send submissions continuously while the server
 * is killed with SIGKILL at random moments, five times, and restarted. A client that gets no
 * answer sends the SAME submission again (same idempotency key), as a person pressing the button
 * again would. At the end every reference a client was given must be in the database exactly
 * once, with its acknowledgement email queued when an email was given.
 */
const args = benchArguments(`Usage: npm run bench -- feedback-crash [kills, default 5]

Feedback sent continuously while the server is killed that many times; then every reference given
out must be stored exactly once. Needs PostgreSQL (apt-get install postgresql) and npm run build.`);
const kills = args.count(0, 5, 'number of kills');
const clients = 16;
// The same HMAC key bench/lib/server.ts gives the server, to find rows by idempotency key.
const keyring = { currentKeyId: 'bench1', keys: new Map(), hmacKey: BENCH_KEYS.hmac };

interface Acknowledged {
  reference: string;
  key: string;
  email: boolean;
}
const acknowledged: Acknowledged[] = [];
let server: RunningServer | undefined;
let running = true;
let n = 0;

async function client(): Promise<void> {
  let pending: { key: string; body: Record<string, string> } | undefined;
  while (running) {
    if (!pending) {
      const key = randomUUID();
      pending = { key, body: feedbackBody(n++, key) };
    }
    const url = server?.url;
    if (!url) {
      await new Promise((done) => setTimeout(done, 20));
      continue;
    }
    try {
      const response = await fetch(`${url}/api/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(pending.body),
        signal: AbortSignal.timeout(5000),
      });
      if (response.status === 201 || response.status === 200) {
        const { reference } = (await response.json()) as { reference: string };
        acknowledged.push({ reference, key: pending.key, email: pending.body['replyBy'] === 'email' });
        pending = undefined;
      }
    } catch {
      // The server died mid-request: no answer, so nothing was acknowledged. Retry the same one.
      await new Promise((done) => setTimeout(done, 20));
    }
  }
}

const pg = await startPostgres();
const port = await freePort();
try {
  server = await startServer({ port, databaseUrl: pg.url });
  const workers = Array.from({ length: clients }, () => client());
  for (let kill = 1; kill <= kills; kill += 1) {
    await new Promise((done) => setTimeout(done, 1000 + Math.random() * 3000));
    const victim = server;
    server = undefined;
    await stopServer(victim, 'SIGKILL');
    process.stdout.write(`kill ${kill}: SIGKILL after ${acknowledged.length} acknowledged so far; restarting\n`);
    server = await startServer({ port, databaseUrl: pg.url });
  }
  await new Promise((done) => setTimeout(done, 2000));
  running = false;
  await Promise.all(workers);
  await stopServer(server);

  const db = postgres(pg.url, { max: 1, onnotice: () => {} });
  const rows = await db<{ reference: string; idempotency_key: string; queued: number }[]>`
    select f.reference, f.idempotency_key,
      (select count(*)::int from outbox_messages o where o.dedupe_key = 'feedback:' || f.reference || ':acknowledgement') as queued
    from feedback_items f`;
  await db.end();
  type Row = (typeof rows)[number];
  const byReference = new Map<string, Row[]>();
  for (const row of rows) byReference.set(row.reference, [...(byReference.get(row.reference) ?? []), row]);

  let stored = 0;
  let lost = 0;
  let duplicated = 0;
  let missingEmail = 0;
  for (const ack of acknowledged) {
    const found = byReference.get(ack.reference) ?? [];
    const keyHash = lookupHmac(keyring, `feedback:key:${ack.key}`);
    const sameKey = rows.filter((row) => row.idempotency_key === keyHash);
    if (found.length === 0) lost += 1;
    else stored += 1;
    if (found.length > 1 || sameKey.length > 1 || sameKey[0]?.reference !== ack.reference) duplicated += 1;
    if (ack.email && found[0]?.queued !== 1) missingEmail += 1;
  }
  process.stdout.write(
    `acknowledged ${acknowledged.length}, stored ${stored}, lost ${lost}, duplicated ${duplicated}` +
      ` (emails queued for all with an address: ${missingEmail === 0 ? 'yes' : `NO, ${missingEmail} missing`})\n`,
  );
  if (lost + duplicated + missingEmail > 0) process.exitCode = 1;
} finally {
  running = false;
  if (server) await stopServer(server, 'SIGKILL').catch(() => {});
  pg.cluster.stop();
}
