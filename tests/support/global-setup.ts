import { findPgBin, startCluster } from './postgres-cluster.ts';

/**
 * Vitest global set-up: provides TEST_DATABASE_URL for the PostgreSQL leg of the storage tests.
 * Uses the one given, else starts a throwaway cluster if PostgreSQL is installed. Locally the leg
 * may be skipped (with a visible message); under CI=true a missing server is a failure.
 */
export default async function setup(): Promise<() => void> {
  if (process.env['TEST_DATABASE_URL']) return () => {};
  const bin = findPgBin();
  if (!bin) {
    if (process.env['CI'] === 'true')
      throw new Error('CI=true but PostgreSQL is not installed: .ci/run must install it');
    process.stdout.write('\n  PostgreSQL is not installed: the PostgreSQL leg of the storage tests is SKIPPED.\n\n');
    return () => {};
  }
  const cluster = await startCluster(bin);
  process.env['TEST_DATABASE_URL'] = cluster.url;
  return () => cluster.stop();
}
