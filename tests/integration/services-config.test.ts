import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { loadEnv } from '../../src/server/env.ts';
import { checkHealth } from '../../src/server/health.ts';
import { dispatchDue, enqueueEmail } from '../../src/server/mail/outbox.ts';
import { openServices, type Services } from '../../src/server/services.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

/**
 * Swapping the embedded defaults for PostgreSQL and SMTP is configuration only: the same
 * start-up code, given DATABASE_URL and SMTP_URL, reports both healthy and delivers a queued email.
 */
const serverUrl = process.env['TEST_DATABASE_URL'];
const suite = serverUrl ? describe : describe.skip;

suite('DATABASE_URL and SMTP_URL switch the service to PostgreSQL and SMTP with no code change', () => {
  let services: Services;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'clearshare-config-'));
  const dbName = `config_${Date.now()}`;
  let admin: postgres.Sql;

  beforeAll(async () => {
    admin = postgres(serverUrl ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    const url = new URL(serverUrl ?? '');
    url.pathname = `/${dbName}`;
    await migrateDatabase(url.toString());
    sink = await startSmtpSink();
    services = await openServices(loadEnv({ DATABASE_URL: url.toString(), SMTP_URL: sink.url, DATA_DIR: dataDir }));
  });

  afterAll(async () => {
    services.mailer.close();
    await services.store.close();
    await sink.stop();
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports PostgreSQL and SMTP as healthy', async () => {
    expect(await checkHealth(services)).toMatchObject({
      status: 'ok',
      database: { status: 'ok', kind: 'postgres' },
      mail: { status: 'ok', kind: 'smtp' },
    });
  });

  it('delivers an email queued in PostgreSQL through the SMTP server', async () => {
    await enqueueEmail(services.store.db, services.keyring, {
      dedupeKey: 'config-test:1',
      to: 'resident@example.org',
      template: 'delivery-check',
      params: { reference: 'CFG4TE5T' },
    });
    const counts = await dispatchDue({
      db: services.store.db,
      keyring: services.keyring,
      mailer: services.mailer,
      siteUrl: services.siteUrl,
      schemeName: services.settings.schemeName,
    });
    expect(counts.sent).toBe(1);
    expect(sink.received.map((email) => email.subject)).toEqual([
      `${services.settings.schemeName}: test message CFG4TE5T`,
    ]);
  });
});
