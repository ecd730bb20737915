import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { pageShellDir } from '../support/page-shells.ts';

/**
 * `npm start` with PostgreSQL runs several server processes on one port (src/server/cluster.ts).
 * They must all serve, stop together on SIGTERM, and never outlive a primary killed with SIGKILL
 * (orphans would keep the port and serve unsupervised).
 */
const serverUrl = process.env['TEST_DATABASE_URL'];
const suite = serverUrl ? describe : describe.skip;

const freePort = () =>
  new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** Pids whose parent is `pid` (Linux /proc). */
const childrenOf = (pid: number) =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

suite('several server processes share the port with PostgreSQL', () => {
  const dbName = `cluster_${Date.now()}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'clearshare-cluster-'));
  const shells = pageShellDir();
  let admin: postgres.Sql;
  let databaseUrl = '';

  beforeAll(async () => {
    admin = postgres(serverUrl ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    const url = new URL(serverUrl ?? '');
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    await migrateDatabase(databaseUrl);
  });

  afterAll(async () => {
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts the cluster and waits for it; its stderr is kept so a failure says why. */
  async function startOnce(): Promise<{ child: ChildProcess; url: string } | { error: string }> {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'test',
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        WEB_CONCURRENCY: '2',
        // Page shells like the build's: this runs before the site is built (npm test's order).
        STATIC_DIR: shells,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = `${stderr}${chunk.toString()}`.slice(-4000);
    });
    const url = `http://127.0.0.1:${port}`;
    // Generous: under the full suite's load, two processes loading every function can take a while.
    for (let tries = 0; tries < 300; tries += 1) {
      const ok = await fetch(`${url}/api/health`).then(
        (response) => response.status < 500,
        () => false,
      );
      if (ok && childrenOf(child.pid ?? 0).length === 2) return { child, url };
      await new Promise((done) => setTimeout(done, 200));
    }
    child.kill('SIGKILL');
    return { error: stderr };
  }

  /** One retry on a fresh port: another test may have taken the port between probe and bind. */
  async function start(): Promise<{ child: ChildProcess; url: string }> {
    const first = await startOnce();
    if ('child' in first) return first;
    const second = await startOnce();
    if ('child' in second) return second;
    throw new Error(`The cluster did not start (twice, 60 s each). Its stderr:\n${first.error}\n---\n${second.error}`);
  }

  it('answers from two worker processes and stops them all on SIGTERM', async () => {
    const { child, url } = await start();
    const workers = childrenOf(child.pid ?? 0);
    expect(workers).toHaveLength(2);
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${url}/api/health`)));
    expect(answers.every((response) => response.status === 200)).toBe(true);
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
    await new Promise((done) => setTimeout(done, 500));
    expect(workers.filter(alive)).toEqual([]);
  }, 240_000);

  it('leaves no worker serving when the primary is killed outright', async () => {
    const { child } = await start();
    const workers = childrenOf(child.pid ?? 0);
    child.kill('SIGKILL');
    for (let tries = 0; tries < 50 && workers.some(alive); tries += 1) {
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(workers.filter(alive)).toEqual([]);
  }, 240_000);
});
