import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGet, loadTest, printFigures } from './lib/load.ts';
import { optOutBody } from './lib/opt-out-bodies.ts';
import { freePort, startConstantServer, startPostgres, startServer, stopServer } from './lib/server.ts';

/**
 * Load on the opt-out endpoint: 50 connections for 20 s of valid, distinct JSON submissions
 * against the real server (functions + database + outbox), first with PostgreSQL (production),
 * then with PGlite (the embedded default). A constant-response server measured in the same run
 * shows what this machine can do at all. Target with PostgreSQL: >= 1,000 req/s, p99 <= 100 ms.
 *
 *   node --import tsx bench/opt-out-load.ts [seconds]
 */
const seconds = Number(process.argv[2] ?? 20);
const connections = 50;
const endpoint = { path: '/api/opt-out', body: optOutBody };

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
  printFigures('POST /api/opt-out (PostgreSQL)', figures, baseline);
  const met = figures.requestsPerSecond >= 1000 && figures.p99 <= 100;
  process.stdout.write(`target (>= 1000 req/s, p99 <= 100 ms): ${met ? 'met' : 'NOT met'}\n`);
  await stopServer(server);
} finally {
  pg.cluster.stop();
}

const dataDir = mkdtempSync(join(tmpdir(), 'clearshare-bench-pglite-'));
const server = await startServer({ port: await freePort(), dataDir, env: { OUTBOX_INTERVAL_MS: '1000' } });
await loadTest(server.url, endpoint, { connections: 10, seconds: 2 });
printFigures('POST /api/opt-out (PGlite)', await loadTest(server.url, endpoint, { connections, seconds }), baseline);
await stopServer(server);
