import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Env } from './env.ts';
import { log } from './log.ts';

/**
 * `npm start` with PostgreSQL runs one server process per CPU core (Node's cluster module: the
 * processes share the port). One process is bound to one core, and a submission's CPU work —
 * validation, encryption, HMACs, rendering — is most of its cost, so on a 2-core machine one
 * process left half the machine idle. PGlite lives inside one process, so with it there is
 * exactly one. Every process runs the outbox timer (claims use SKIP LOCKED, so no email goes
 * twice); only worker 1 runs the retention job.
 */
export function workerCount(env: Env): number {
  if (!env.DATABASE_URL) return 1;
  return env.WEB_CONCURRENCY ?? availableParallelism();
}

/** True in the process that should run once-per-deployment jobs (retention). */
export const runsSingletonJobs = (): boolean => !cluster.isWorker || process.env['CLEARSHARE_WORKER'] === '1';

/**
 * In the primary process: starts `count` workers, replaces any that die unexpectedly, and stops
 * them all on SIGINT/SIGTERM.
 */
export function superviseWorkers(count: number): void {
  let stopping = false;
  const start = (index: number) => {
    const worker = cluster.fork({ CLEARSHARE_WORKER: String(index) });
    worker.once('exit', (code, signal) => {
      if (stopping) return;
      log.error('A server process stopped; starting another', { worker: index, code, signal });
      setTimeout(() => start(index), 500);
    });
  };
  for (let index = 1; index <= count; index += 1) start(index);
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => process.exit(0), 6000).unref();
    cluster.on('exit', () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/**
 * In a worker: if the primary disappears (killed with SIGKILL, as the crash bench does), stop at
 * once rather than keep serving without a supervisor. Nothing is lost: a request is acknowledged
 * only after its data is committed.
 */
export function exitWithPrimary(): void {
  if (cluster.isWorker) process.once('disconnect', () => process.exit(1));
}
