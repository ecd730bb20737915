import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuMeter, postmasterPid } from './cpu.ts';
import { type EndpointUnderTest, type LoadFigures, loadGet, loadTest, printFigures } from './load.ts';
import { freePort, startConstantServer, startPostgres, startServer, stopServer } from './server.ts';

/**
 * The load benchmark of one submission endpoint: 50 connections of valid, distinct JSON
 * submissions against the real server (functions + database + outbox), first with PostgreSQL
 * (production), then PGlite (the embedded default), beside a constant-response server measured
 * in the same run, which shows what this machine can do at all. Target with PostgreSQL:
 * >= 1,000 req/s and p99 <= 100 ms.
 */
export async function runEndpointLoad(endpoint: EndpointUnderTest, seconds: number) {
  const connections = 50;
  const label = `POST ${endpoint.path}`;
  const constant = await startConstantServer(await freePort());
  const baseline = await loadGet(constant.url, { connections, seconds: Math.min(seconds, 10) });
  await stopServer(constant);
  printFigures('constant-response handler', baseline);

  const pg = await startPostgres();
  try {
    const server = await startServer({
      port: await freePort(),
      databaseUrl: pg.url,
      env: { OUTBOX_INTERVAL_MS: '1000' },
    });
    await loadTest(server.url, endpoint, { connections: 10, seconds: 2 }); // warm-up
    const serverCpu = cpuMeter([server.process.pid ?? 0]);
    const databaseCpu = cpuMeter([postmasterPid(pg.cluster.dataDir)]);
    const figures = await loadTest(server.url, endpoint, { connections, seconds });
    printFigures(`${label} (PostgreSQL)`, figures, baseline);
    printCpu(figures, { server: serverCpu.elapsed(), database: databaseCpu.elapsed() });
    const met = figures.requestsPerSecond >= 1000 && figures.p99 <= 100;
    process.stdout.write(`target (>= 1000 req/s, p99 <= 100 ms): ${met ? 'met' : 'NOT met'}\n`);
    await stopServer(server);
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
