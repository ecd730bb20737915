import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/server/db/client.ts';
import { installServices } from '../../src/server/services.ts';
import { canMount, checkAcknowledgedIn, mountSmallDisk, type SmallDisk } from '../support/fault-disk.ts';
import { journeys } from '../support/fault-journeys.ts';
import { startLoad } from '../support/fault-load.ts';
import { testServices } from '../support/stores.ts';

/**
 * Injected fault: the disk under PGlite fills up (a real tmpfs, filled to its last 1.5 MB, then
 * submissions until writes fail). What PGlite does on ENOSPC: the statement fails with an error
 * and the instance stays usable (no abort, no reopen needed); so every submission it could not
 * write is a 503 "nothing was recorded", never a reference. Once space is freed it accepts again,
 * and after a reopen every acknowledged submission is there once, with its email queued.
 */
const suite = canMount() ? describe : describe.skip;
if (!canMount())
  process.stdout.write('\n  Cannot mount a tmpfs here (needs root): the disk-full fault test is SKIPPED.\n\n');

suite('the disk fills up under PGlite', () => {
  let store: Store;
  let disk: SmallDisk | undefined;
  let dataDir = '';
  const env = { RATE_LIMIT_PER_CLIENT_PER_HOUR: '100000', RATE_LIMIT_GLOBAL_PER_MINUTE: '100000' };
  beforeAll(async () => {
    disk = mountSmallDisk(80);
    if (!disk) throw new Error('mount -t tmpfs failed although running as root');
    dataDir = join(disk.path, 'data');
    store = await openStore({ dataDir });
    installServices(await testServices(store, env));
  });
  afterAll(async () => {
    await store?.close().catch(() => {});
    disk?.unmount();
  });

  it('never acknowledges what it could not write, and keeps everything it acknowledged', async () => {
    disk?.fill(1.5 * 1024 * 1024);
    const load = startLoad(2);
    for (let i = 0; i < 600 && load.tally.refused < 20 && load.tally.tried < 20_000; i += 1)
      await new Promise((done) => setTimeout(done, 100));
    const tally = await load.stop();
    expect(disk?.freeBytes()).toBeLessThan(256 * 1024);
    expect(tally.unexpected).toEqual([]);
    expect(tally.refused).toBeGreaterThan(0);
    const acknowledged = tally.acknowledged.optOut.length + tally.acknowledged.feedback.length;
    expect(acknowledged).toBeGreaterThan(0);

    // Space back: the same instance takes submissions again, without a restart.
    disk?.free();
    const journey = journeys[0];
    const again = await (await journey?.start(999_999, '10.9.9.9'))?.send();
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
