import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPgbouncer, startPgbouncer } from '../../tests/support/pgbouncer.ts';
import { cpuMeter, postmasterPid } from './cpu.ts';
import { type EndpointUnderTest, type LoadFigures, loadGet, loadTest, printFigures } from './load.ts';
import { freePort, freshDatabase, startConstantServer, startPostgres, startServer, stopServer } from './server.ts';

/**
 * The load benchmark of one submission endpoint: 50 connections of valid, distinct JSON
 * submissions against the real server (functions + database + outbox), first with PostgreSQL
 * (production), then PGlite (the embedded default), beside a constant-response server measured
 * in the same run, which shows what this machine can do at all. Target with PostgreSQL:
 * >= 1,000 req/s and p99 <= 100 ms. With `pooler`, the PostgreSQL run is repeated through
 * pgbouncer in transaction mode (as on a platform, in front of the same cluster, on a fresh
 * database), and the two are compared.
 */
export async function runEndpointLoad(
  endpoint: EndpointUnderTest,
  seconds: number,
  options: { pooler?: boolean } = {},
) {
  const connections = 50;
  const label = `POST ${endpoint.path}`;
  const constant = await startConstantServer(await freePort());
  const baseline = await loadGet(constant.url, { connections, seconds: Math.min(seconds, 10) });
  await stopServer(constant);
  printFigures('constant-response handler', baseline);

  const pg = await startPostgres();
  try {
    const database = [postmasterPid(pg.cluster.dataDir)];
    const direct = await loadPostgres(endpoint, pg.url, { connections, seconds, database });
    printFigures(`${label} (PostgreSQL)`, direct.figures, baseline);
    printCpu(direct.figures, direct.cpu);
    const met = direct.figures.requestsPerSecond >= 1000 && direct.figures.p99 <= 100;
    process.stdout.write(`target (>= 1000 req/s, p99 <= 100 ms): ${met ? 'met' : 'NOT met'}\n`);

    if (options.pooler && !findPgbouncer()) process.stdout.write('pgbouncer is not installed: no pooler run\n');
    else if (options.pooler) {
      // Migrated directly, as a deploy does: migrations hold a session lock a pooler cannot keep.
      const directUrl = new URL(await freshDatabase(pg.cluster, 'bench_pooler'));
      const pooler = await startPgbouncer({ targetUrl: pg.cluster.url });
      try {
        const pooledUrl = new URL(pooler.url);
        pooledUrl.pathname = directUrl.pathname;
        const pooled = await loadPostgres(endpoint, pooledUrl.toString(), {
          connections,
          seconds,
          database,
          pooler: pooler.pid,
        });
        printFigures(`${label} (PostgreSQL via pgbouncer)`, pooled.figures, baseline);
        printCpu(pooled.figures, pooled.cpu);
        const ratio = (key: 'requestsPerSecond' | 'p50' | 'p99') =>
          (pooled.figures[key] / Math.max(1, direct.figures[key])).toFixed(2);
        process.stdout.write(
          `pgbouncer / direct: req/s ${ratio('requestsPerSecond')}, p50 ${ratio('p50')}, p99 ${ratio('p99')}\n`,
        );
      } finally {
        await pooler.stop();
      }
    }
  } finally {
    pg.cluster.stop();
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'clearshare-bench-pglite-'));
  const server = await startServer({ port: await freePort(), dataDir, env: { OUTBOX_INTERVAL_MS: '1000' } });
  await loadTest(server.url, endpoint, { connections: 10, seconds: 2 });
  const serverCpu = cpuMeter([server.process.pid ?? 0]);
  const figures = await loadTest(server.url, endpoint, { connections, seconds });
  printFigures(`${label} (PGlite)`, figures, baseline);
  printCpu(figures, { 'server (with PGlite inside)': serverCpu.elapsed() });
  await stopServer(server);
}

/**
 * CPU milliseconds each request cost, per process: steadier than req/s on a shared machine, and
 * it shows where the time goes. On 2 cores, the sum bounds throughput at about 2000 / sum req/s.
 */
function printCpu(figures: LoadFigures, used: Record<string, number>) {
  const parts = Object.entries(used).map(([name, ms]) => `${name} ${(ms / Math.max(1, figures.total)).toFixed(2)} ms`);
  process.stdout.write(`  CPU per request: ${parts.join(', ')}\n`);
}

/** The real server on this PostgreSQL URL (direct or through the pooler): warm-up, then the measured run. */
async function loadPostgres(
  endpoint: EndpointUnderTest,
  databaseUrl: string,
  run: { connections: number; seconds: number; database: number[]; pooler?: number },
) {
  const server = await startServer({ port: await freePort(), databaseUrl, env: { OUTBOX_INTERVAL_MS: '1000' } });
  try {
    await loadTest(server.url, endpoint, { connections: 10, seconds: 2 }); // warm-up
    const serverCpu = cpuMeter([server.process.pid ?? 0]);
    const databaseCpu = cpuMeter(run.database);
    const poolerCpu = run.pooler ? cpuMeter([run.pooler]) : undefined;
    const figures = await loadTest(server.url, endpoint, { connections: run.connections, seconds: run.seconds });
    const cpu: Record<string, number> = { server: serverCpu.elapsed(), database: databaseCpu.elapsed() };
    if (poolerCpu) cpu['pgbouncer'] = poolerCpu.elapsed();
    return { figures, cpu };
  } finally {
    await stopServer(server);
  }
}
