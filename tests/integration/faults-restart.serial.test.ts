import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/server/db/client.ts';
import { installServices } from '../../src/server/services.ts';
import { expectErrorLogs } from '../support/error-logs.ts';
import { untilEveryConnectionAnswers } from '../support/fault-database.ts';
import { startLoad } from '../support/fault-load.ts';
import { checkAcknowledged, createDatabase, restartCluster } from '../support/fault-postgres.ts';
import { type Cluster, findPgBin, startCluster } from '../support/postgres-cluster.ts';
import { testServices } from '../support/stores.ts';

/**
 * Injected fault: PostgreSQL restarted (cleanly, then as a crash) while opt-outs and complaints
 * are being sent to the real handlers. Every reference a client received is stored exactly once
 * with its email queued; requests during the outage get a clear 503 "nothing was recorded"; the
 * same client reconnects and acknowledges again after each restart. Runs on a cluster of its own.
 */
const bin = findPgBin();
const suite = bin ? describe : describe.skip;
if (!bin && process.env['CI'] === 'true') throw new Error('CI=true but PostgreSQL is not installed');

suite('PostgreSQL restarted mid-load', () => {
  let cluster: Cluster;
  let databaseUrl: string;
  let store: Store;
  beforeAll(async () => {
    cluster = await startCluster(bin ?? '');
    databaseUrl = await createDatabase(cluster.url, 'faults');
    store = await openStore({ databaseUrl, dataDir: '/tmp' });
    installServices(
      await testServices(store, { RATE_LIMIT_PER_CLIENT_PER_HOUR: '100000', RATE_LIMIT_GLOBAL_PER_MINUTE: '100000' }),
    );
  });
  afterAll(async () => {
    await store?.close();
    cluster?.stop();
  });

  it('loses no acknowledged request across a fast and an immediate restart, and reconnects after each', async () => {
    // Requests that arrive while the database restarts are refused with 503, and logged: the fault injected.
    expectErrorLogs(/^Opt-out: store unavailable/, /^Feedback not saved/);
    const load = startLoad(6);
    const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
    const acknowledgedNow = () => load.tally.acknowledged.optOut.length + load.tally.acknowledged.feedback.length;
    const afterRestart: number[] = [];
    await pause(1500);
    for (const mode of ['fast', 'immediate'] as const) {
      restartCluster(bin ?? '', cluster, mode);
      const at = acknowledgedNow();
      await pause(2000);
      afterRestart.push(acknowledgedNow() - at);
    }
    const tally = await load.stop();
    await untilEveryConnectionAnswers(store);
    const result = await checkAcknowledged(databaseUrl, tally.acknowledged);
    const acknowledged = acknowledgedNow();

    expect(tally.unexpected).toEqual([]);
    expect(acknowledged).toBeGreaterThan(0);
    expect(result).toEqual({ stored: acknowledged, duplicated: 0, missingEmails: 0 });
    // The restarts did hit requests, and each was told nothing was recorded.
    expect(tally.refused).toBeGreaterThan(0);
    // After each restart the same client reconnected and references were given again.
    expect(afterRestart.every((count) => count > 0)).toBe(true);
  });
});
