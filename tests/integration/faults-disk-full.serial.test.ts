import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import health from '../../functions/health.ts';
import { openStore, type Store } from '../../src/server/db/client.ts';
import { STORAGE_RESERVE_BYTES } from '../../src/server/db/storage-guard.ts';
import { checkHealth } from '../../src/server/health.ts';
import { getServices, installServices } from '../../src/server/services.ts';
import { expectErrorLogs } from '../support/error-logs.ts';
import { canMount, checkAcknowledgedIn, mountSmallDisk, type SmallDisk, stallWatchdog } from '../support/fault-disk.ts';
import { journeys } from '../support/fault-journeys.ts';
import { startLoad } from '../support/fault-load.ts';
import { testServices } from '../support/stores.ts';

/**
 * Injected fault: the disk under PGlite fills up (a real tmpfs, filled to 1.5 MB above the
 * store's reserve, then submissions until they are refused). PGlite itself must never meet the
 * full disk: after a failed WAL write it can spin for ever in XLogFlush, which stops the whole
 * process (src/server/db/storage-guard.ts). So the store refuses writes once free space is under
 * its reserve: every submission it cannot take is a 503 "nothing was recorded" at once, never a
 * reference; health says the database is down; once space is freed the same instance accepts
 * again, and after a reopen every acknowledged submission is there once, with its email queued.
 * A watchdog ends the process if the event loop ever stops, so a spin fails the file, not CI.
 */
const suite = canMount() ? describe : describe.skip;
if (!canMount())
  process.stdout.write('\n  Cannot mount a tmpfs here (needs root): the disk-full fault test is SKIPPED.\n\n');

/** What a platform's health check gets (the status code and the public word), with the detail staff see. */
const healthNow = async () => {
  const response = await health();
  const { status } = (await response.json()) as { status: string };
  return { status: response.status, body: { ...(await checkHealth(await getServices())), status } };
};

suite('the disk fills up under PGlite', () => {
  let store: Store;
  let disk: SmallDisk | undefined;
  let watchdog: { stop(): void } | undefined;
  let dataDir = '';
  const env = { RATE_LIMIT_PER_CLIENT_PER_HOUR: '100000', RATE_LIMIT_GLOBAL_PER_MINUTE: '100000' };
  beforeAll(async () => {
    // PGlite's files take about 40 MB; the reserve (32 MB) and the fill come on top.
    disk = mountSmallDisk(128);
    if (!disk) throw new Error('mount -t tmpfs failed although running as root');
    watchdog = stallWatchdog(disk, 60);
    dataDir = join(disk.path, 'data');
    store = await openStore({ dataDir });
    installServices(await testServices(store, env));
  });
  afterAll(async () => {
    await store?.close().catch(() => {});
    watchdog?.stop();
    disk?.unmount();
  });

  it('never acknowledges what it could not write, says so in health, and keeps everything it acknowledged', async () => {
    // Refused writes and the health check's "storage full" are logged: the fault injected.
    expectErrorLogs(/^Opt-out: store unavailable/, /^Feedback not saved/, /^Health check: storage full/);
    expect(await healthNow()).toMatchObject({ status: 200, body: { database: { status: 'ok', storage: 'ok' } } });
    disk?.fill(STORAGE_RESERVE_BYTES + 1.5 * 1024 * 1024);
    const load = startLoad(2);
    for (let i = 0; i < 600 && load.tally.refused < 20 && load.tally.tried < 20_000; i += 1)
      await new Promise((done) => setTimeout(done, 100));
    const tally = await load.stop();
    expect(disk?.freeBytes()).toBeLessThan(STORAGE_RESERVE_BYTES);
    expect(tally.unexpected).toEqual([]);
    expect(tally.refused).toBeGreaterThanOrEqual(20);
    const acknowledged = tally.acknowledged.optOut.length + tally.acknowledged.feedback.length;
    expect(acknowledged).toBeGreaterThan(0);

    // What a platform's health check sees while writes are refused, although `select 1` answers.
    expect(await healthNow()).toMatchObject({
      status: 503,
      body: { status: 'down', database: { status: 'down', kind: 'pglite', storage: 'full' } },
    });

    // Space back: the same instance takes submissions again, without a restart, and health clears.
    disk?.free();
    expect(await healthNow()).toMatchObject({ status: 200, body: { database: { status: 'ok', storage: 'ok' } } });
    const again = await (await journeys[0]?.start(999_999, '10.9.9.9'))?.send();
    expect(again?.status).toBe(201);

    // Reopened from disk: every acknowledged submission is there once, with its email.
    await store.close();
    store = await openStore({ dataDir });
    expect(await checkAcknowledgedIn(store, tally.acknowledged)).toEqual({
      stored: acknowledged,
      duplicated: 0,
      missingEmails: 0,
    });
  });
});
