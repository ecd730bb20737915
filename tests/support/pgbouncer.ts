import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { freePort } from './postgres-cluster.ts';

/**
 * pgbouncer in transaction mode in front of a test PostgreSQL server: the kind of pooler a
 * platform puts between many short-lived function instances and one database, where each
 * transaction may run on a different server connection. Uses Debian's binary (.ci/run installs
 * it). pgbouncer refuses to run as root, so as root it runs as the "postgres" system user, like
 * the test cluster.
 */
export interface Pgbouncer {
  /** The same user and database as the target URL, on the pooler's port. */
  url: string;
  /** The pooler's admin console (SHOW POOLS, SHOW STATS), as the target URL's user. */
  adminUrl: string;
  /** Server connections pgbouncer keeps per database and user. */
  poolSize: number;
  /** pgbouncer's own process (not runuser's), for the benches' CPU figures. */
  pid: number;
  stop(): Promise<void>;
}

const BINARY = '/usr/sbin/pgbouncer';

export function findPgbouncer(): string | undefined {
  return existsSync(BINARY) ? BINARY : undefined;
}

/** The binary, or a clear reason why the pooler tests cannot run: a failure under CI=true, else undefined. */
export function requirePgbouncer(): string | undefined {
  const binary = findPgbouncer();
  if (!binary && process.env['CI'] === 'true')
    throw new Error(`CI=true but pgbouncer is not installed (${BINARY}): .ci/run must install pgbouncer`);
  return binary;
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

export async function startPgbouncer(options: { targetUrl: string; poolSize?: number }): Promise<Pgbouncer> {
  const binary = findPgbouncer();
  if (!binary) throw new Error(`pgbouncer is not installed (${BINARY})`);
  const target = new URL(options.targetUrl);
  const user = decodeURIComponent(target.username);
  const poolSize = options.poolSize ?? 20;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'clearshare-pgbouncer-'));
  const logFile = join(dir, 'pgbouncer.log');
  const pidFile = join(dir, 'pgbouncer.pid');
  // The test cluster trusts loopback; `trust` here still needs the user listed in auth_file, and
  // lets only that user open the admin console (`any` would admit any name as admin).
  writeFileSync(join(dir, 'userlist.txt'), `"${user}" ""\n`);
  writeFileSync(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      // Any database name passes through, so each test's fresh database needs no entry of its own.
      `* = host=${target.hostname} port=${target.port || '5432'}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 1000',
      'auth_type = trust',
      `auth_file = ${join(dir, 'userlist.txt')}`,
      `admin_users = ${user}`,
      `stats_users = ${user}`,
      `logfile = ${logFile}`,
      `pidfile = ${pidFile}`,
      '',
    ].join('\n'),
  );
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  else chmodSync(dir, 0o700);
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', binary, '-q', join(dir, 'pgbouncer.ini')]]
    : [binary, ['-q', join(dir, 'pgbouncer.ini')]];
  const child: ChildProcess = spawn(file, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => {
    running = false;
  });

  const stop = async () => {
    if (running) {
      // SIGTERM is pgbouncer's immediate shutdown. Sent to pgbouncer itself: runuser would pass it
      // on too, but then waits 2 s before it exits.
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : Number.NaN;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const failed = async (reason: string) => {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    await stop();
    return new Error(`pgbouncer did not start: ${reason}\n${stderr}${log}`);
  };

  const url = new URL(options.targetUrl);
  url.port = String(port);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/pgbouncer';
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (!running) throw await failed('it exited');
    if (Date.now() > deadline) throw await failed('nothing listening after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Listening is not enough: a query must pass through to the server.
  const probe = postgres(url.toString(), { max: 1, prepare: false, onnotice: () => {}, connect_timeout: 5 });
  try {
    await probe`select 1`;
  } catch (error) {
    throw await failed(String(error));
  } finally {
    await probe.end({ timeout: 1 });
  }
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return { url: url.toString(), adminUrl: adminUrl.toString(), poolSize, pid, stop };
}

/**
 * A connection to pgbouncer's admin console. The console speaks only the simple query protocol
 * and has no pg_type, so postgres.js must neither fetch types nor use parameters.
 */
export function pgbouncerConsole(adminUrl: string): postgres.Sql {
  return postgres(adminUrl, { max: 1, fetch_types: false, prepare: false, onnotice: () => {} });
}
