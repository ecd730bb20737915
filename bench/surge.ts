import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { todayInLondon } from '../src/domain/calendar-date.ts';
import type { OptOutStatus } from '../src/domain/opt-out.ts';
import { validateForm } from '../src/forms/validation.ts';
import { optOutSchema } from '../src/schemas/forms/opt-out.ts';
import type { Database } from '../src/server/db/client.ts';
import { optOutRequests } from '../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../src/server/db/schema.ts';
import { staffUsers } from '../src/server/db/staff-schema.ts';
import { readEvidence } from '../src/server/opt-out/evidence.ts';
import { saveOptOut } from '../src/server/opt-out/submit.ts';
import type { Services } from '../src/server/services.ts';
import { createAccount } from '../src/server/staff/auth/accounts.ts';
import { dispatchStaff } from '../src/server/staff/dispatch.ts';
import { createSession, SESSION_COOKIE } from '../src/server/staff/session.ts';
import { findPgBin, startCluster } from '../tests/support/postgres-cluster.ts';
import { openPostgresStore, testServices } from '../tests/support/stores.ts';
import { benchArguments } from './lib/arguments.ts';
import { nhsNumberFor } from './lib/opt-out-bodies.ts';

const usage = `
Usage: npm run bench -- surge [requests] [--only export|match|confirm] [--rows N]

The surge bench (issue 19, item 5): loads [requests] generated opt-outs (default 50,000) through
the residents' own save path into a throwaway PostgreSQL cluster (8 % proxies, 3 % with evidence,
5 % a second request from someone who already asked), then times what IG officers do with them,
each through the staff dispatcher as a browser's request (session, role and CSRF checks included):
queue pages (first, after row 1,000, last), the record platform's match file for every request
(4 % exceptions), a bulk "check identity" on all waiting, the confirmation file (2 % not applied), a
bulk "apply", and the GP export. Prints each against its target, and the server's peak memory.
Before the steps and after them it times a baseline: a plain INSERT ... SELECT of every request
into an empty copy of the table (same columns and indexes), so runs on a busy machine can be
compared with each other.

--only export   load the requests, mark them all applied directly, then time only the GP export
                and downloading that batch again (a few minutes instead of the whole run).
--only match    load the requests, then time only the match file.
--only confirm  load the requests, mark them all identity checked directly, then time only the
                confirmation file.
--rows N        the number of requests, the same as [requests].
`;

const TARGETS = { uploadSeconds: 30, uploadMegabytes: 300, pageMs: 300, exportSeconds: 10 };
const DUPLICATE_EVERY = 20; // 5 %
const EXCEPTION_EVERY = 25; // 4 % of match rows do not match clearly

/**
 * `--only export` and `--rows N` are taken off the command line before the shared reader sees
 * it (benchArguments refuses options it does not know, which keeps typos from running for minutes).
 */
function takeOption(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = process.argv.splice(at, 2);
  if (value === undefined || value.startsWith('-')) {
    process.stderr.write(`${name} needs a value.\n\n${usage.trim()}\n`);
    process.exit(2);
  }
  return value;
}
const only = takeOption('--only');
const rowsOption = takeOption('--rows');
const ONLY_STEPS = ['export', 'match', 'confirm'] as const;
if (only !== undefined && !(ONLY_STEPS as readonly string[]).includes(only)) {
  process.stderr.write(`--only takes ${ONLY_STEPS.join(', ')}, not "${only}".\n\n${usage.trim()}\n`);
  process.exit(2);
}
if (rowsOption !== undefined) process.argv.splice(2, 0, rowsOption);
const args = benchArguments(usage);
const total = args.count(0, 50_000, 'number of requests');

const bin = findPgBin();
if (!bin) {
  process.stderr.write('No PostgreSQL found under /usr/lib/postgresql: apt-get install postgresql, then run again.\n');
  process.exit(2);
}

// Garbage is collected before each step, so "before" is what the process holds, not leftovers.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Peak resident memory of this process (the server) while `work` runs, sampled every 10 ms. */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ result: T; seconds: number; peakMb: number; beforeMb: number }> {
  collectGarbage();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    const mb = (bytes: number) => bytes / 1024 / 1024;
    return { result, seconds: (performance.now() - started) / 1000, peakMb: mb(peak), beforeMb: mb(before) };
  } finally {
    clearInterval(timer);
  }
}

const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
const fixed = (value: number, digits = 1) => value.toFixed(digits);

/** Generates the requests through saveOptOut, the path the public form takes (encryption, outbox email). */
async function generate(services: Services, count: number, now: Date): Promise<void> {
  const schema = optOutSchema({ today: todayInLondon(now), requireDeclaration: true });
  const png = new Uint8Array(20_000);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  png.set(randomBytes(19_000), 8);
  const evidence = readEvidence('lpa.png', png);
  if (!evidence.ok) throw new Error('The bench evidence file was refused');
  const one = async (n: number) => {
    // A duplicate is a second request from person n - 1: same name, date of birth and NHS number.
    const person = n % DUPLICATE_EVERY === 1 ? n - 1 : n;
    const proxy = n % 25 < 2; // 8 %
    const withEvidence = n % 100 < 2 || n % 100 === 25; // 3 %, all proxies (the form asks proxies for it)
    const fields: Record<string, string> = {
      who: proxy ? 'lpa' : 'self',
      ...(proxy ? { applicantName: `Bench Attorney ${n}`, applicantRelationship: 'Lasting power of attorney' } : {}),
      fullName: `Bench Person ${person}`,
      dateOfBirthDay: String(1 + (person % 28)),
      dateOfBirthMonth: String(1 + (person % 12)),
      dateOfBirthYear: String(1930 + (person % 70)),
      nhsNumberKnown: 'yes',
      nhsNumber: nhsNumberFor(person),
      addressLine1: `${1 + (person % 200)} Bench Street`,
      town: 'Wyre Bridge',
      postcode: 'AW7 3RL',
      email: n % 10 === 0 ? '' : `bench${n}@example.com`,
      phone: '07700 900982',
      declaration: 'yes',
    };
    const result = validateForm(schema, fields);
    if (!result.ok) throw new Error(`Generated request ${n} was refused: ${JSON.stringify(result.errors)}`);
    // Spread over the last 15 days, oldest first, as a surge arrives.
    const at = new Date(now.getTime() - 15 * 86_400_000 + Math.floor((n / count) * 14 * 86_400_000));
    await saveOptOut(
      { db: services.store.db, keyring: services.keyring, settings: services.settings, now: () => at },
      result.data,
      {
        idempotencyKey: randomUUID(),
        evidence: withEvidence ? { upload: evidence.upload } : null,
      },
    );
  };
  // Eight at a time: the pool's share, as several function instances would write.
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let n = next++; n < count; n = next++) await one(n);
    }),
  );
}

async function main() {
  const cluster = await startCluster(bin as string);
  const store = await openPostgresStore(cluster.url);
  try {
    const services = await testServices(store);
    const db = store.db;
    const now = new Date();
    say(`Surge bench: ${total.toLocaleString('en-GB')} opt-outs on PostgreSQL (${bin}), ${new Date().toISOString()}`);

    const loaded = await measured(() => generate(services, total, now));
    const [mix] = await db
      .select({
        proxies: sql<number>`count(*) filter (where ${optOutRequests.route} <> 'self')::int`,
        people: sql<number>`count(distinct ${optOutRequests.nhsNumberHmac})::int`,
        evidence: sql<number>`(select count(distinct request_id) from opt_out_evidence)::int`,
      })
      .from(optOutRequests);
    say(
      `Loaded through the residents' save path in ${fixed(loaded.seconds)} s: ${mix?.proxies} proxies, ${mix?.evidence} with evidence, ${total - (mix?.people ?? 0)} second requests from the same person`,
    );
    // Contact confirmed (by phone or the email link) is where the platform's check starts.
    await db.update(optOutRequests).set({ status: 'contact-confirmed', contactConfirmedAt: now, statusChangedAt: now });

    // An IG officer signed in: the session is made directly (sign-in has its own tests and bench).
    const officer = await createAccount(
      { db, keyring: services.keyring },
      { email: 'surge.officer@example.org', name: 'Surge Officer', roles: ['ig'], createdBy: null },
      now,
    );
    await db.update(staffUsers).set({ status: 'active', totpConfirmedAt: now }).where(eq(staffUsers.id, officer.id));
    const { token, session } = await createSession(db, officer.id, 'active', new Date());
    const request = async (method: 'GET' | 'POST', path: string, body?: FormData | URLSearchParams) => {
      const headers = new Headers({ cookie: `${SESSION_COOKIE}=${token}` });
      const payload = body ? new Response(body) : undefined;
      if (payload) headers.set('content-type', payload.headers.get('content-type') ?? '');
      const response = await dispatchStaff(
        new Request(`http://127.0.0.1${path}`, { method, headers, body: payload ? await payload.arrayBuffer() : null }),
        { services, ip: '192.0.2.10' },
      );
      return { status: response.status, text: await response.text() };
    };
    const form = (values: Record<string, string>) => {
      const params = new URLSearchParams({ csrfToken: session.csrfToken, ...values });
      return params;
    };
    /** A download read as a browser saves it: bytes and lines counted as they arrive, never held whole. */
    const download = async (path: string) => {
      const headers = new Headers({ cookie: `${SESSION_COOKIE}=${token}` });
      const body = form({});
      headers.set('content-type', 'application/x-www-form-urlencoded');
      const started = performance.now();
      const response = await dispatchStaff(
        new Request(`http://127.0.0.1${path}`, { method: 'POST', headers, body: body.toString() }),
        { services, ip: '192.0.2.10' },
      );
      // The response comes back once the batch is made: the time to it is what the transaction costs.
      const firstByteSeconds = (performance.now() - started) / 1000;
      let bytes = 0;
      let lines = 0;
      for await (const chunk of response.body ?? []) {
        bytes += chunk.byteLength;
        for (const byte of chunk) if (byte === 0x0a) lines += 1;
      }
      return { status: response.status, bytes, rows: Math.max(0, lines - 1), firstByteSeconds };
    };

    await timeBaseline(db);
    /** The record platform's match file for every request, 4 % not clear matches. */
    const timeMatch = async () => {
      const references = await db.select({ reference: optOutRequests.reference }).from(optOutRequests);
      const rows = references.map(({ reference }, i) => {
        const dob = i % EXCEPTION_EVERY === 0 ? 'N' : 'Y';
        return `${reference},Y,${dob},Y,Y,A81${String(i % 40).padStart(3, '0')}`;
      });
      const csv = `Reference,NHS number matched,Date of birth matched,Name matched,Postcode matched,Practice code\n${rows.join('\n')}\n`;
      const upload = new FormData();
      upload.set('csrfToken', session.csrfToken);
      upload.set('matchFile', new File([csv], 'match.csv', { type: 'text/csv' }));
      const match = await measured(() => request('POST', '/staff/opt-outs/match', upload));
      uploadLine(
        `Match file, ${rows.length.toLocaleString('en-GB')} rows (${(csv.length / 1e6).toFixed(1)} MB), ${await countAt(db, 'identity-checked')} identity checked`,
        match,
        match.result.status,
      );
      return references;
    };
    /**
     * The record platform's confirmation file (issue 19, volume item 2) for every identity-checked
     * request, 2 % not applied: each applied one takes the apply step and its email is queued.
     */
    const timeConfirmation = async () => {
      const toApply = await db
        .select({ reference: optOutRequests.reference })
        .from(optOutRequests)
        .where(eq(optOutRequests.status, 'identity-checked'));
      const confirmRows = toApply.map(({ reference }, i) =>
        i % 50 === 0 ? `${reference},N,,Not registered at this practice` : `${reference},Y,${todayInLondon(now)},`,
      );
      const confirmCsv = `Reference,Applied,Date applied,Reason not applied\n${confirmRows.join('\n')}\n`;
      const confirmUpload = new FormData();
      confirmUpload.set('csrfToken', session.csrfToken);
      confirmUpload.set('confirmationFile', new File([confirmCsv], 'confirmation.csv', { type: 'text/csv' }));
      const confirmed = await measured(() => request('POST', '/staff/opt-outs/confirmation', confirmUpload));
      const [emails] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(outboxMessages)
        .where(like(outboxMessages.dedupeKey, 'opt-out:%:applied'));
      uploadLine(
        `Confirmation file, ${confirmRows.length.toLocaleString('en-GB')} rows (${(confirmCsv.length / 1e6).toFixed(1)} MB), ${await countAt(db, 'applied')} applied, ${emails?.n} emails queued`,
        confirmed,
        confirmed.result.status,
      );
    };

    if (only === 'export') {
      // Every request applied directly (the steps before it have their own figures): only the export is timed.
      await db.update(optOutRequests).set({
        status: 'applied',
        identityCheckedAt: now,
        appliedAt: now,
        appliedOn: todayInLondon(now),
        statusChangedAt: now,
      });
      await timeExport(download);
      await timeBaseline(db);
      return;
    }
    if (only === 'match') {
      await timeMatch();
      await timeBaseline(db);
      return;
    }
    if (only === 'confirm') {
      await db.update(optOutRequests).set({ status: 'identity-checked', identityCheckedAt: now, statusChangedAt: now });
      await timeConfirmation();
      await timeBaseline(db);
      return;
    }

    // Queue pages: server time from request to the last byte of the page, median of 5.
    const ids = await db
      .select({ id: optOutRequests.id })
      .from(optOutRequests)
      .orderBy(asc(optOutRequests.receivedAt), asc(optOutRequests.id));
    const pages: [string, string][] = [
      ['first page', '/staff/opt-outs'],
      [
        `the page after row ${Math.min(1000, ids.length).toLocaleString('en-GB')}`,
        `/staff/opt-outs?after=${ids[Math.min(999, ids.length - 1)]?.id}`,
      ],
      ['the last page', `/staff/opt-outs?after=${ids[Math.max(0, ids.length - 51)]?.id}`],
    ];
    for (const [name, path] of pages) {
      const times: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const started = performance.now();
        const page = await request('GET', path);
        times.push(performance.now() - started);
        if (page.status !== 200) throw new Error(`${name}: status ${page.status}`);
      }
      const median = times.sort((a, b) => a - b)[2] ?? 0;
      say(
        `Queue, ${name}: ${fixed(median, 0)} ms (median of 5; target ≤ ${TARGETS.pageMs} ms, ${verdict(median <= TARGETS.pageMs)})`,
      );
    }

    const references = await timeMatch();

    // Bulk "check identity" on everything waiting: put the match file's work back first, and the
    // exceptions back to "received", so 96 % are allowed and 4 % are listed as not changed.
    await db
      .update(optOutRequests)
      .set({ status: 'contact-confirmed', identityCheckedAt: null })
      .where(eq(optOutRequests.status, 'identity-checked'));
    const exceptions = references.filter((_, i) => i % EXCEPTION_EVERY === 0).map((row) => row.reference);
    for (let i = 0; i < exceptions.length; i += 5000) {
      await db
        .update(optOutRequests)
        .set({ status: 'received' })
        .where(inArray(optOutRequests.reference, exceptions.slice(i, i + 5000)));
    }
    const bulkCheck = await measured(() =>
      request(
        'POST',
        '/staff/opt-outs/bulk',
        form({
          action: 'check-identity',
          allMatching: 'yes',
          note: 'Checked against the record platform',
          confirmedCount: String(total),
        }),
      ),
    );
    const [afterBulk] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(optOutRequests)
      .where(eq(optOutRequests.status, 'identity-checked'));
    uploadLine(
      `Bulk check identity on all ${total.toLocaleString('en-GB')} waiting, ${afterBulk?.n} changed`,
      bulkCheck,
      bulkCheck.result.status,
    );

    await timeConfirmation();
    // Put its work back, emails included, so the bulk apply below is timed on the same rows.
    await db
      .update(optOutRequests)
      .set({ status: 'identity-checked', appliedAt: null, appliedOn: null })
      .where(eq(optOutRequests.status, 'applied'));
    await db.delete(outboxMessages).where(like(outboxMessages.dedupeKey, 'opt-out:%:applied'));

    // Bulk "apply" on the identity-checked: what officers do today until the confirmation file.
    const applied = await measured(() =>
      request(
        'POST',
        '/staff/opt-outs/bulk',
        form({
          action: 'apply',
          allMatching: 'yes',
          status: 'identity-checked',
          date: todayInLondon(now),
          confirmedCount: String(afterBulk?.n ?? 0),
        }),
      ),
    );
    const [appliedCount] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(optOutRequests)
      .where(and(eq(optOutRequests.status, 'applied')));
    uploadLine(`Bulk apply on the identity checked, ${appliedCount?.n} changed`, applied, applied.result.status);

    await timeExport(download);
    await timeBaseline(db);
    say(
      `Peak server memory (this process, whole run, including generating the requests): ${fixed(process.resourceUsage().maxRSS / 1024, 0)} MB`,
    );
  } finally {
    await store.dispose().catch(() => {});
    cluster.stop();
  }
}

/** How many requests are at `status` now. */
async function countAt(db: Database, status: OptOutStatus): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(optOutRequests)
    .where(eq(optOutRequests.status, status));
  return row?.n ?? 0;
}

/**
 * A baseline for the machine's speed at this moment: every request copied by one plain INSERT ...
 * SELECT into an empty table with the same columns and indexes. The steps write about as many wide
 * rows, so a step that takes many times this is doing more than writing; and on a shared, noisy
 * machine two runs are compared by how their baselines differ, not only by the clock.
 */
async function timeBaseline(db: Database) {
  await db.execute(sql`create table surge_baseline (like opt_out_requests including defaults including indexes)`);
  try {
    const started = performance.now();
    await db.execute(sql`insert into surge_baseline select * from opt_out_requests`);
    const seconds = (performance.now() - started) / 1000;
    say(
      `Baseline, a plain INSERT ... SELECT of every request into an empty copy of the table: ${fixed(seconds, 2)} s (load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(', ')})`,
    );
  } finally {
    await db.execute(sql`drop table surge_baseline`);
  }
}

/**
 * The GP export: one batch with every applied request, as CSV, then the same batch downloaded
 * again. Timed to the last byte the browser receives; memory is what the step adds to this process.
 */
async function timeExport(
  download: (path: string) => Promise<{ status: number; bytes: number; rows: number; firstByteSeconds: number }>,
) {
  for (const [name, path] of [
    ['GP export', '/staff/opt-outs/export'],
    ['GP export downloaded again', '/staff/opt-outs/export/1'],
  ] as const) {
    const step = await measured(() => download(path));
    const { status, bytes, rows, firstByteSeconds } = step.result;
    say(
      `${name}, ${rows.toLocaleString('en-GB')} rows (${(bytes / 1e6).toFixed(1)} MB): ${fixed(step.seconds)} s (first byte after ${fixed(firstByteSeconds)} s), added ${fixed(step.peakMb - step.beforeMb, 0)} MB (process peak ${fixed(step.peakMb, 0)} MB), status ${status} (target ≤ ${TARGETS.exportSeconds} s, ${verdict(status === 200 && step.seconds <= TARGETS.exportSeconds)})`,
    );
  }
}

/**
 * A step's figures against the upload targets, or that it failed. This process is the bench and
 * the server in one (tsx, the generator, the page shells): its idle size is printed, and the
 * memory target is judged on what the step adds to it, the part a server would pay for the step.
 */
function uploadLine(name: string, step: { seconds: number; peakMb: number; beforeMb: number }, status: number) {
  const added = step.peakMb - step.beforeMb;
  const memory = `added ${fixed(added, 0)} MB (process peak ${fixed(step.peakMb, 0)} MB, ${fixed(step.beforeMb, 0)} MB before)`;
  if (status >= 400) {
    say(`${name}: FAILED with status ${status} after ${fixed(step.seconds)} s, ${memory}`);
    return;
  }
  const ok = step.seconds <= TARGETS.uploadSeconds && added < TARGETS.uploadMegabytes;
  say(
    `${name}: ${fixed(step.seconds)} s, ${memory} (target ≤ ${TARGETS.uploadSeconds} s and < ${TARGETS.uploadMegabytes} MB, ${verdict(ok)})`,
  );
}

await main();
