import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openStore, type Store } from '../../src/server/db/client.ts';
import { feedbackItems } from '../../src/server/db/feedback-schema.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { installServices, type Services } from '../../src/server/services.ts';
import { openPostgresStore } from './stores.ts';

/**
 * A database that can be made unavailable and brought back, for the fault tests. Each kind is a
 * real failure of the real driver, not a mock:
 * - PostgreSQL: the database stops accepting connections and its sessions are terminated (what
 *   a failover or an operator's restart looks like to the server), then accepts them again; the
 *   same client must reconnect by itself.
 * - PGlite: the process's services are switched to a PGlite instance that has been closed (the
 *   embedded database gone), then back.
 */
export interface FaultyDatabase {
  name: string;
  store: Store;
  /** Installs `services` (built on `store`) as the process's services. */
  install(services: Services): void;
  cut(): Promise<void>;
  restore(): Promise<void>;
  dispose(): Promise<void>;
}

export async function faultyPostgres(serverUrl: string): Promise<FaultyDatabase> {
  const store = await openPostgresStore(serverUrl);
  // postgres.js answers execute() with an array of rows; the Database type leaves it unknown.
  const rows: unknown = await store.db.execute(sql`select current_database() as name`);
  const name: unknown = Array.isArray(rows) ? rows[0]?.name : undefined;
  if (typeof name !== 'string') throw new Error('The test database did not say its name');
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  return {
    name: 'PostgreSQL refusing connections',
    store,
    install: installServices,
    cut: async () => {
      await admin.unsafe(`alter database ${name} allow_connections false`);
      await admin.unsafe(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`,
      );
    },
    restore: async () => {
      await admin.unsafe(`alter database ${name} allow_connections true`);
      await untilEveryConnectionAnswers(store);
    },
    dispose: async () => {
      await store.dispose();
      await admin.end();
    },
  };
}

/**
 * postgres.js finds out that a pooled connection was terminated only when it next uses it, so
 * the first query on each such connection fails (ECONNRESET) and the driver then reconnects. In
 * the server that is a 503 "nothing was recorded" (honest, not a false acknowledgement); the
 * tests wait, as a load balancer's health check would, until the whole pool (10) answers.
 */
export async function untilEveryConnectionAnswers(store: Store, poolSize = 10): Promise<void> {
  for (let round = 0; round < 50; round += 1) {
    const pings = await Promise.allSettled(Array.from({ length: poolSize }, () => store.ping()));
    if (pings.every((ping) => ping.status === 'fulfilled')) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error('The database did not answer on every connection within 5 s of coming back');
}

export async function faultyPglite(): Promise<FaultyDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'clearshare-fault-'));
  const store = await openStore({ dataDir: join(dir, 'live') });
  const dead = await openStore({ dataDir: join(dir, 'dead') });
  await dead.close();
  let installed: Services | undefined;
  return {
    name: 'PGlite closed',
    store,
    install: (services) => {
      installed = services;
      installServices(services);
    },
    cut: async () => {
      if (installed) installServices({ ...installed, store: dead });
    },
    restore: async () => {
      if (installed) installServices(installed);
    },
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Rows a refused submission must not have written: requests, feedback and emails. */
export async function storedRows(store: Store): Promise<number> {
  const counts = await Promise.all(
    [optOutRequests, feedbackItems, outboxMessages].map(async (table) => {
      const [row] = await store.db.select({ n: count() }).from(table);
      return row?.n ?? Number.NaN;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}
