import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { type Cluster, findPgBin, startCluster } from '../../tests/support/postgres-cluster.ts';

/**
 * Helpers shared by the benches: a throwaway PostgreSQL, the real server (`npm start`'s
 * process: src/server/main.ts) in a child process, and a constant-response server to compare with.
 */
export const root = resolve(import.meta.dirname, '../..');

/** Fixed keys, so a restarted server reads what the killed one wrote (derived, not repeated bytes, which start-up refuses). */
export const BENCH_KEYS = {
  encryption: createHash('sha256').update('clearshare bench encryption key').digest(),
  hmac: createHash('sha256').update('clearshare bench lookup key').digest(),
};

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** A throwaway PostgreSQL cluster with one fresh database for the bench. */
export async function startPostgres(): Promise<{ url: string; cluster: Cluster }> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const counting = statementsCounted();
  const cluster = await startCluster(bin, counting ? ['shared_preload_libraries=pg_stat_statements'] : []);
  const url = await freshDatabase(cluster, 'bench');
  if (counting) await onDatabase(url, (sql) => sql`create extension pg_stat_statements`);
  return { url, cluster };
}

/**
 * BENCH_PG_STATEMENTS=1: PostgreSQL counts its statements (pg_stat_statements), and the journey
 * benches print, under their figures, the statements that took most of its time in the measured
 * window. Off by default: the counting has a cost of its own (docs/benchmarks.md).
 */
export const statementsCounted = () => process.env['BENCH_PG_STATEMENTS'] === '1';

async function onDatabase<T>(url: string, run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await run(sql);
  } finally {
    await sql.end();
  }
}

/** Forgets the statements counted so far (the start of a measured window). */
export async function resetStatements(url: string): Promise<void> {
  await onDatabase(url, (sql) => sql`select pg_stat_statements_reset()`);
}

/** The statements that took most of PostgreSQL's time since the reset, per journey. */
export async function printStatements(url: string, journeys: number, most = 8): Promise<void> {
  const rows = await onDatabase(
    url,
    (sql) => sql<{ calls: number; ms: number; rows: number; query: string }[]>`
      select calls::int, total_exec_time::float8 as ms, rows::int,
        left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
      from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
      order by total_exec_time desc limit ${most}`,
  );
  process.stdout.write('  PostgreSQL statements (execution time per journey, calls per journey, rows a call):\n');
  for (const row of rows) {
    const perJourney = (row.ms / Math.max(journeys, 1)).toFixed(3);
    const calls = (row.calls / Math.max(journeys, 1)).toFixed(2);
    const rowsEach = (row.rows / Math.max(row.calls, 1)).toFixed(1);
    process.stdout.write(`    ${perJourney} ms  ${calls}  ${rowsEach}  ${row.query}\n`);
  }
}

/** Creates and migrates (directly, as `npm run db:migrate` does) another database in the cluster; its URL. */
export async function freshDatabase(cluster: Cluster, name: string): Promise<string> {
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = cluster.url.replace(/\/postgres$/, `/${name}`);
  await migrateDatabase(url);
  return url;
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<void>;
}

/** Starts src/server/main.ts and waits until /api/health answers. */
export async function startServer(options: {
  port: number;
  dataDir?: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'clearshare-bench-'));
  // BENCH_PROFILE_DIR: each server process writes a CPU profile there when it exits (not when it
  // is killed). Node refuses --cpu-prof in NODE_OPTIONS, so it is passed here (docs/benchmarks.md).
  const profileDir = process.env['BENCH_PROFILE_DIR'];
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(options.port),
      DATA_DIR: dataDir,
      // Fixed keys so a restarted server reads what the killed one wrote.
      FIELD_ENCRYPTION_KEYS: `bench1:${BENCH_KEYS.encryption.toString('base64')}`,
      LOOKUP_HMAC_KEY: BENCH_KEYS.hmac.toString('base64'),
      RATE_LIMIT_PER_CLIENT_PER_HOUR: '100000000',
      // As behind a proxy: the load generator says which client each request comes from.
      CLIENT_IP_HEADER: 'x-forwarded-for',
      RATE_LIMIT_GLOBAL_PER_MINUTE: '100000000',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    },
  });
  // If the bench itself dies or gives up, the server goes with it rather than holding the port.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      process.off('exit', killOnExit);
      done();
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('The server exited during start-up');
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      throw new Error('The server did not start within 60 s');
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  return { url, process: child, exited };
}

export async function stopServer(server: RunningServer, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.process.exitCode === null) server.process.kill(signal);
  await server.exited;
}

/** A constant-response HTTP server in its own process: the ceiling for this machine. */
export async function startConstantServer(port: number): Promise<RunningServer> {
  const code = `require('node:http').createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end('{"reference":"AB2CD3EF"}'); }).listen(${port}, '127.0.0.1', () => process.send?.('ready'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  await new Promise<void>((done) => child.once('message', () => done()));
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    exited: new Promise((done) => child.once('exit', () => done())),
  };
}
