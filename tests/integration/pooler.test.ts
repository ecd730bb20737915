import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { formatReference, type Reference } from '../../src/domain/reference.ts';
import { validateForm } from '../../src/forms/validation.ts';
import { type OptOutAnswers, optOutSchema } from '../../src/schemas/forms/opt-out.ts';
import { decryptField } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import { openStore, type Store } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { log } from '../../src/server/log.ts';
import { dispatchDue } from '../../src/server/mail/outbox.ts';
import { smtpMailer } from '../../src/server/mail/transport.ts';
import { saveOptOut } from '../../src/server/opt-out/submit.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import { type Pgbouncer, pgbouncerConsole, requirePgbouncer, startPgbouncer } from '../support/pgbouncer.ts';
import { repeatedMessageIds, startSmtpSink } from '../support/smtp-sink.ts';
import { testKeyring } from '../support/stores.ts';

/**
 * On a platform every warm function instance keeps one connection (DB_POOL_MAX=1) to a pooler in
 * transaction mode, which lends each transaction whichever server connection is free. These
 * tests run many such instances through pgbouncer with a deliberately small pool, so clients
 * far outnumber server connections: anything that relied on session state (a named prepared
 * statement, a session lock, a SET) would meet another client's session and fail.
 */
const POOL_SIZE = 3;
const serverUrl = process.env['TEST_DATABASE_URL'];
const binary = requirePgbouncer();
const describePooler = serverUrl && binary ? describe : describe.skip;

const today = calendarDate('2026-11-22');
const settingsPromise = readSiteSettings();
const keyring = testKeyring();

/** The instance at `index`: requests are spread over instances as a platform's router would. */
function at<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new Error('an empty list');
  return item;
}

function answers(email: string): OptOutAnswers {
  const fields = {
    who: 'lpa',
    applicantName: 'Perpetua Canarywood',
    applicantRelationship: 'Daughter',
    fullName: 'Zebedee Canarywood',
    dateOfBirthDay: '7',
    dateOfBirthMonth: '9',
    dateOfBirthYear: '1938',
    nhsNumberKnown: 'yes',
    nhsNumber: '943 476 5919',
    addressLine1: '17 Canary Lane',
    town: 'Wyre Bridge',
    postcode: 'AW7 3RL',
    email,
    phone: '07700 900982',
    declaration: 'yes',
  };
  const result = validateForm(optOutSchema({ today, requireDeclaration: true }), fields);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

describePooler(`many function instances through pgbouncer in transaction mode (pool of ${POOL_SIZE})`, () => {
  let pooler: Pgbouncer;
  let admin: postgres.Sql;
  let pgbConsole: postgres.Sql;
  beforeAll(async () => {
    pooler = await startPgbouncer({ targetUrl: serverUrl ?? '', poolSize: POOL_SIZE });
    admin = postgres(serverUrl ?? '', { max: 1, onnotice: () => {} });
    pgbConsole = pgbouncerConsole(pooler.adminUrl);
  });
  afterAll(async () => {
    await pgbConsole?.end({ timeout: 1 });
    await admin?.end({ timeout: 1 });
    await pooler?.stop();
  });

  /** A fresh database, migrated directly, and `size` instances that reach it only through the pooler. */
  async function fleet(size: number) {
    const name = `pooler_${randomBytes(6).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    const direct = new URL(serverUrl ?? '');
    direct.pathname = `/${name}`;
    await migrateDatabase(direct.toString());
    const pooled = new URL(pooler.url);
    pooled.pathname = `/${name}`;
    const instances: Store[] = [];
    for (let i = 0; i < size; i += 1)
      instances.push(await openStore({ databaseUrl: pooled.toString(), dataDir: tmpdir(), poolMax: 1 }));
    const check = postgres(direct.toString(), { max: 1, onnotice: () => {} });
    return {
      name,
      instances,
      /** A direct connection for checking what was stored, not through the pooler. */
      check,
      dispose: async () => {
        await Promise.all(instances.map((instance) => instance.close()));
        await check.end({ timeout: 1 });
        await admin.unsafe(`drop database if exists ${name} with (force)`);
      },
    };
  }

  /** The most client and server connections seen for one database, from pgbouncer and from PostgreSQL. */
  function watchConnections(database: string) {
    const seen = { clients: 0, servers: 0, backends: 0, poolMode: '' };
    let running = true;
    const loop = (async () => {
      while (running) {
        const pools = await pgbConsole`show pools`.simple();
        const pool = pools.find((row) => row['database'] === database);
        if (pool) {
          seen.poolMode = String(pool['pool_mode']);
          seen.clients = Math.max(seen.clients, Number(pool['cl_active']) + Number(pool['cl_waiting']));
          const servers = ['sv_active', 'sv_idle', 'sv_used', 'sv_tested', 'sv_login'];
          seen.servers = Math.max(
            seen.servers,
            servers.map((c) => Number(pool[c])).reduce((a, b) => a + b, 0),
          );
        }
        const [row] =
          await admin`select count(*)::int as n from pg_stat_activity where datname = ${database} and backend_type = 'client backend'`;
        seen.backends = Math.max(seen.backends, Number(row?.['n'] ?? 0));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return seen;
      },
    };
  }

  const transactions = async (database: string) => {
    const stats = await pgbConsole`show stats`.simple();
    return Number(stats.find((row) => row['database'] === database)?.['total_xact_count'] ?? 0);
  };

  it('twelve instances take opt-outs at once: each acknowledged reference is stored once, with its email', async () => {
    const { name, instances, check, dispose } = await fleet(12);
    try {
      const warn = vi.spyOn(log, 'warn');
      const settings = await settingsPromise;
      const watch = watchConnections(name);
      const before = await transactions(name);
      // 240 residents; 40 of them press submit twice and the second lands on another instance.
      const saves = Array.from({ length: 240 }, (_, i) => ({ key: `k${i}`, instance: i % 12 }));
      for (let i = 0; i < 240; i += 6) saves.push({ key: `k${i}`, instance: (i + 5) % 12 });
      const results = await Promise.all(
        saves.map(({ key, instance }) =>
          saveOptOut({ db: at(instances, instance).db, keyring, settings }, answers(`${key}@example.org`), {
            idempotencyKey: key,
            evidence: null,
          }),
        ),
      );
      const used = (await transactions(name)) - before;
      const seen = await watch.stop();

      const byKey = new Map<string, Reference>();
      saves.forEach(({ key }, i) => {
        const reference = results[i]?.reference;
        if (!reference) throw new Error(`no reference for ${key}`);
        expect(byKey.get(key) ?? reference, key).toBe(reference);
        byKey.set(key, reference);
      });
      expect(results.filter((result) => result.created)).toHaveLength(240);
      expect(new Set(byKey.values()).size).toBe(240);

      const stored = await check`select reference, count(*)::int as n from opt_out_requests group by reference`;
      expect(stored.filter((row) => row['n'] !== 1)).toEqual([]);
      expect(new Set(stored.map((row) => row['reference']))).toEqual(new Set(byKey.values()));
      const emails = await check`select dedupe_key, recipient_encrypted from outbox_messages`;
      expect(emails).toHaveLength(240);
      const recipients = new Map(emails.map((row) => [row['dedupe_key'], row['recipient_encrypted']]));
      for (const [key, reference] of byKey) {
        const dedupeKey = `opt-out:${formatReference(reference)}:received`;
        const encrypted = recipients.get(dedupeKey);
        const slot = slotOf(outboxMessages.recipientEncrypted, dedupeKey);
        expect(encrypted && decryptField(keyring, encrypted, slot), key).toBe(`${key}@example.org`);
      }
      // The group commit still shares statements through the pooler, and no shared write failed.
      expect(warn.mock.calls.filter(([message]) => message.startsWith('A shared write failed'))).toEqual([]);
      expect(used).toBeLessThan(saves.length / 2);
      expect(seen.servers).toBeGreaterThan(0);
      expect(seen.servers).toBeLessThanOrEqual(POOL_SIZE);
      warn.mockRestore();
    } finally {
      await dispose();
    }
  });

  it('two instances send the outbox at once and each email leaves exactly once', async () => {
    const { instances, check, dispose } = await fleet(2);
    const sink = await startSmtpSink();
    const mailers = instances.map(() => smtpMailer(sink.url, 'Scheme <no-reply@example.org>'));
    try {
      const settings = await settingsPromise;
      const expected = Array.from({ length: 60 }, (_, i) => `r${i}@example.org`);
      await Promise.all(
        expected.map((email, i) =>
          saveOptOut({ db: at(instances, i).db, keyring, settings }, answers(email), {
            idempotencyKey: `m${i}`,
            evidence: null,
          }),
        ),
      );
      const drain = async (index: number) => {
        const { db } = at(instances, index);
        const mailer = at(mailers, index);
        let sent = 0;
        for (;;) {
          const result = await dispatchDue({ db, keyring, mailer, siteUrl: 'http://local', schemeName: 'Test' }, 5);
          expect(result.failed + result.dead).toBe(0);
          if (result.sent === 0) return sent;
          sent += result.sent;
        }
      };
      const [first, second] = await Promise.all([drain(0), drain(1)]);
      expect((first ?? 0) + (second ?? 0)).toBe(60);
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(0);
      expect(sink.received).toHaveLength(60);
      expect(repeatedMessageIds(sink.received)).toBe(0);
      expect(sink.received.flatMap((email) => email.to).sort()).toEqual([...expected].sort());
      const [left] = await check`select count(*)::int as n from outbox_messages where status <> 'sent'`;
      expect(left?.['n']).toBe(0);
    } finally {
      for (const mailer of mailers) mailer.close();
      await sink.stop();
      await dispose();
    }
  });

  it('one instance runs a transaction beside other queries (Promise.all) without hanging', async () => {
    // pgbouncer 1.18 hands the server connection back at the first query's end; a pipelined query
    // sent behind it is then answered to nobody. This hung the staff function in CI (issue 13);
    // without max_pipeline: 1 in postgresClient it hangs within the first few rounds here.
    const { instances, dispose } = await fleet(1);
    const [instance] = instances;
    if (!instance) throw new Error('no instance');
    const sql = (instance.db as unknown as { $client: postgres.Sql }).$client;
    try {
      await sql`create table pipeline_probe (id int primary key, v int not null)`;
      await sql`insert into pipeline_probe select g, 0 from generate_series(1, 50) g`;
      const timeout = (round: number) =>
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`round ${round} hung`)), 5_000).unref());
      for (let round = 1; round <= 50; round += 1) {
        const work = Promise.all([
          sql.begin(async (tx) => {
            await tx`update pipeline_probe set v = v + 1 where id = ${round}`;
            return tx`select v from pipeline_probe where id = ${round}`;
          }),
          sql`select count(*)::int as n from pipeline_probe where v > 0`,
          sql`select v from pipeline_probe where id = ${round}`,
        ]);
        await Promise.race([work, timeout(round)]);
      }
      const [row] = await sql`select sum(v)::int as total from pipeline_probe`;
      expect(row?.['total']).toBe(50);
    } finally {
      await dispose();
    }
  });

  it('serves far more client connections than it opens server connections', async () => {
    const { name, instances, dispose } = await fleet(16);
    try {
      const settings = await settingsPromise;
      const watch = watchConnections(name);
      const before = await transactions(name);
      // Every instance keeps its connection to the pooler between requests, as a warm instance does.
      await Promise.all(instances.map((instance) => instance.ping()));
      await Promise.all(
        instances.flatMap((instance, n) =>
          Array.from({ length: 10 }, (_, i) =>
            saveOptOut({ db: instance.db, keyring, settings }, answers(`c${n}-${i}@example.org`), {
              idempotencyKey: `c${n}-${i}`,
              evidence: null,
            }),
          ),
        ),
      );
      await Promise.all(instances.map((instance) => instance.ping()));
      const used = (await transactions(name)) - before;
      const seen = await watch.stop();
      expect(seen.poolMode).toBe('transaction');
      expect(seen.clients).toBeGreaterThanOrEqual(16);
      expect(seen.servers).toBeGreaterThan(0);
      expect(seen.servers).toBeLessThanOrEqual(POOL_SIZE);
      // PostgreSQL's own count agrees: the instances never reached it directly.
      expect(seen.backends).toBeLessThanOrEqual(POOL_SIZE);
      expect(used).toBeGreaterThanOrEqual(2 * 16);
    } finally {
      await dispose();
    }
  });
});
