import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { EXPECTED_MIGRATION, SchemaBehindError } from '../../src/server/db/migrations.ts';

/**
 * Migrations are a deploy step (`npm run db:migrate`), never a cold start: opening the store on
 * PostgreSQL only checks the schema version, and two migration runs cannot collide.
 */
const serverUrl = process.env['TEST_DATABASE_URL'];
const suite = serverUrl ? describe : describe.skip;
if (!serverUrl && process.env['CI'] === 'true') throw new Error('CI=true but TEST_DATABASE_URL is not set');

suite('migrations run as a deploy step, and functions only check the version', () => {
  const admin = postgres(serverUrl ?? '', { max: 1, onnotice: () => {} });
  const created: string[] = [];
  const freshDatabase = async () => {
    const name = `migrate_${randomBytes(5).toString('hex')}`;
    await admin.unsafe(`create database ${name}`);
    created.push(name);
    const url = new URL(serverUrl ?? '');
    url.pathname = `/${name}`;
    return url.toString();
  };
  afterAll(async () => {
    for (const name of created) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('refuses to open an unmigrated database, writing nothing, and says which command fixes it', async () => {
    const url = await freshDatabase();
    const error = await openStore({ databaseUrl: url, dataDir: tmpdir() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaBehindError);
    expect(String((error as Error).message)).toContain('npm run db:migrate');
    const db = postgres(url, { max: 1, onnotice: () => {} });
    const tables =
      await db`select table_name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`;
    await db.end();
    expect(tables).toHaveLength(0);
  });

  it('refuses a database one migration behind, and opens once migrated', async () => {
    const url = await freshDatabase();
    expect(await migrateDatabase(url)).toEqual({ latest: EXPECTED_MIGRATION.tag, applied: EXPECTED_MIGRATION.count });
    const db = postgres(url, { max: 1, onnotice: () => {} });
    const [last] = await db`select id from drizzle.__drizzle_migrations order by created_at desc limit 1`;
    const [row] = await db`delete from drizzle.__drizzle_migrations where id = ${last?.['id']} returning hash`;
    await expect(openStore({ databaseUrl: url, dataDir: tmpdir() })).rejects.toBeInstanceOf(SchemaBehindError);
    await db`insert into drizzle.__drizzle_migrations (hash, created_at) values (${row?.['hash']}, ${EXPECTED_MIGRATION.when})`;
    await db.end();
    const store = await openStore({ databaseUrl: url, dataDir: tmpdir(), poolMax: 1 });
    await store.ping();
    await store.close();
  });

  it('lets two runs at once apply each migration exactly once (the advisory lock)', async () => {
    const url = await freshDatabase();
    const runs = await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
    expect(runs.map((r) => r.applied).sort()).toEqual([0, 0, EXPECTED_MIGRATION.count]);
    const db = postgres(url, { max: 1, onnotice: () => {} });
    const [count] = await db`select count(*)::int as n from drizzle.__drizzle_migrations`;
    await db.end();
    expect(count?.['n']).toBe(EXPECTED_MIGRATION.count);
    expect(await migrateDatabase(url)).toEqual({ latest: EXPECTED_MIGRATION.tag, applied: 0 });
  });
});
