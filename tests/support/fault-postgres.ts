import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import { openStore } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { checkAcknowledgedIn } from './fault-disk.ts';
import type { Cluster } from './postgres-cluster.ts';

/**
 * Restarts a throwaway cluster (tests/support/postgres-cluster.ts) with `pg_ctl restart`:
 * `fast` ends every session and shuts down cleanly; `immediate` is a crash (no shutdown
 * checkpoint, recovery from the WAL on start). As root pg_ctl runs as the "postgres" user, like
 * startCluster. Resolves when the server accepts connections again.
 */
export function restartCluster(bin: string, cluster: Cluster, mode: 'fast' | 'immediate'): void {
  const args = ['-D', cluster.dataDir, '-l', join(dirname(cluster.dataDir), 'log'), '-m', mode, '-w', 'restart'];
  const [file, argv] =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args]]
      : [join(bin, 'pg_ctl'), args];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pg_ctl restart failed: ${result.stderr || result.stdout}`);
}

/** Creates a database on the cluster and returns its URL. */
export async function createDatabase(clusterUrl: string, name: string): Promise<string> {
  const admin = postgres(clusterUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = clusterUrl.replace(/\/postgres$/, `/${name}`);
  await migrateDatabase(url);
  return url;
}

/** The acknowledged references that are stored, stored twice, or stored without their email. */
export async function checkAcknowledged(
  databaseUrl: string,
  acknowledged: { optOut: string[]; feedback: string[] },
): Promise<{ stored: number; duplicated: number; missingEmails: number }> {
  const store = await openStore({ databaseUrl, dataDir: tmpdir() });
  try {
    return await checkAcknowledgedIn(store, acknowledged);
  } finally {
    await store.close();
  }
}
