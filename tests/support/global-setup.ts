import { requirePgbouncer, startPgbouncer } from './pgbouncer.ts';
import { findPgBin, startCluster } from './postgres-cluster.ts';

/**
 * Vitest global set-up: provides TEST_DATABASE_URL for the PostgreSQL leg of the storage tests,
 * and TEST_PGBOUNCER_URL (pgbouncer in transaction mode in front of that server) for the pooler
 * leg. Uses the ones given, else starts a throwaway cluster if PostgreSQL is installed, and
 * pgbouncer in front of it if that is installed. Locally a leg may be skipped (with a visible
 * message); under CI=true a missing server or pooler is a failure.
 */
export default async function setup(): Promise<() => Promise<void>> {
  if (process.env['TEST_DATABASE_URL']) return async () => {};
  const bin = findPgBin();
  if (!bin) {
    if (process.env['CI'] === 'true')
      throw new Error('CI=true but PostgreSQL is not installed: .ci/run must install it');
    process.stdout.write('\n  PostgreSQL is not installed: the PostgreSQL leg of the storage tests is SKIPPED.\n\n');
    return async () => {};
  }
  const pooling = !process.env['TEST_PGBOUNCER_URL'] && requirePgbouncer() !== undefined;
  const cluster = await startCluster(bin);
  process.env['TEST_DATABASE_URL'] = cluster.url;
  if (!pooling) {
    if (!process.env['TEST_PGBOUNCER_URL'])
      process.stdout.write('\n  pgbouncer is not installed: the pgbouncer leg of the storage tests is SKIPPED.\n\n');
    return async () => cluster.stop();
  }
  try {
    const pooler = await startPgbouncer({ targetUrl: cluster.url });
    process.env['TEST_PGBOUNCER_URL'] = pooler.url;
    return async () => {
      await pooler.stop();
      cluster.stop();
    };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}
