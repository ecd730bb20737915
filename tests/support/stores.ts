import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { describe } from 'vitest';
import type { Keyring } from '../../src/server/crypto/field-crypto.ts';
import { openStore, type Store } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { loadEnv } from '../../src/server/env.ts';
import type { Services } from '../../src/server/services.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import { pageShellDir } from './page-shells.ts';

/** A test keyring: fresh random keys, never the development key file. */
export function testKeyring(): Keyring {
  return { currentKeyId: 'test1', keys: new Map([['test1', randomBytes(32)]]), hmacKey: randomBytes(32) };
}

/** Opens an embedded PGlite store in a fresh temporary folder. */
export async function openPgliteStore(): Promise<Store & { dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'clearshare-pglite-'));
  const store = await openStore({ dataDir: dir });
  return {
    ...store,
    dispose: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a store on a fresh database in the test PostgreSQL server, so test files never share rows.
 * The database is created and migrated directly; with `poolerUrl` the store then talks to it only
 * through that pooler (migrations hold a session lock, which a pooler in transaction mode cannot keep).
 */
export async function openPostgresStore(
  serverUrl: string,
  options: { poolerUrl?: string; poolMax?: number } = {},
): Promise<Store & { dispose(): Promise<void> }> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const direct = new URL(serverUrl);
  direct.pathname = `/${name}`;
  await migrateDatabase(direct.toString());
  const url = new URL(options.poolerUrl ?? serverUrl);
  url.pathname = `/${name}`;
  const store = await openStore({
    databaseUrl: url.toString(),
    dataDir: tmpdir(),
    ...(options.poolMax ? { poolMax: options.poolMax } : {}),
  });
  return {
    ...store,
    dispose: async () => {
      await store.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A store through pgbouncer in transaction mode, as a platform's function instances reach the database. */
export function openPgbouncerStore(
  serverUrl: string,
  poolerUrl: string,
  poolMax = 4,
): Promise<Store & { dispose(): Promise<void> }> {
  return openPostgresStore(serverUrl, { poolerUrl, poolMax });
}

/**
 * Runs a storage suite against PGlite, against PostgreSQL, and against PostgreSQL through
 * pgbouncer in transaction mode. A server leg is skipped (visibly, as a skipped suite) only when
 * its server is not available outside CI.
 */
export function describeEachStore(
  title: string,
  suite: (open: () => Promise<Store & { dispose(): Promise<void> }>) => void,
): void {
  describe(`${title} [PGlite]`, () => suite(openPgliteStore));
  const url = process.env['TEST_DATABASE_URL'];
  if (url) describe(`${title} [PostgreSQL]`, () => suite(() => openPostgresStore(url)));
  else if (process.env['CI'] === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set');
  else describe.skip(`${title} [PostgreSQL — skipped: no server]`, () => suite(() => openPostgresStore('')));
  const poolerUrl = process.env['TEST_PGBOUNCER_URL'];
  if (url && poolerUrl)
    describe(`${title} [PostgreSQL via pgbouncer]`, () => suite(() => openPgbouncerStore(url, poolerUrl)));
  else if (process.env['CI'] === 'true') throw new Error('CI=true but TEST_PGBOUNCER_URL is not set');
  else
    describe.skip(`${title} [PostgreSQL via pgbouncer — skipped: no pgbouncer]`, () =>
      suite(() => openPgbouncerStore('', '')));
}

let shellDir: string | undefined;
const sharedShellDir = () => {
  shellDir ??= pageShellDir();
  return shellDir;
};

/**
 * Services for calling a function handler directly in a test: the given store, fresh keys, the
 * real site settings, page shells (STATIC_DIR) and a mailer that sends nothing (the outbox tests
 * cover delivery).
 */
export async function testServices(store: Store, env: Record<string, string> = {}): Promise<Services> {
  return {
    // Page shells like the build's, so a handler's HTML answers render before (or without) a build.
    env: loadEnv({ NODE_ENV: 'test', STATIC_DIR: sharedShellDir(), ...env }),
    store,
    keyring: testKeyring(),
    mailer: { kind: 'file', send: async () => {}, verify: async () => {}, close: () => {} },
    settings: await readSiteSettings(),
    siteUrl: 'http://local',
  };
}
