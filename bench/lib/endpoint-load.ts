import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EndpointUnderTest, loadGet, loadTest, printFigures } from './load.ts';
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
    const figures = await loadTest(server.url, endpoint, { connections, seconds });
    printFigures(`${label} (PostgreSQL)`, figures, baseline);
    const met = figures.requestsPerSecond >= 1000 && figures.p99 <= 100;
    process.stdout.write(`target (>= 1000 req/s, p99 <= 100 ms): ${met ? 'met' : 'NOT met'}\n`);
    await stopServer(server);
  } finally {
    pg.cluster.stop();
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'clearshare-bench-pglite-'));
  const server = await startServer({ port: await freePort(), dataDir, env: { OUTBOX_INTERVAL_MS: '1000' } });
  await loadTest(server.url, endpoint, { connections: 10, seconds: 2 });
  printFigures(`${label} (PGlite)`, await loadTest(server.url, endpoint, { connections, seconds }), baseline);
  await stopServer(server);
}
