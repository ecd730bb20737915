import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGet, loadTest, printFigures } from './lib/load.ts';
import { freePort, startConstantServer, startPostgres, startServer, stopServer } from './lib/server.ts';
import { feedbackBody } from './lib-feedback/bodies.ts';

/**
 * Load on the feedback endpoint: 50 connections for 20 s of valid, distinct JSON submissions
 * (complaints with email, anonymous questions, rights requests) against the real server, first
 * with PostgreSQL, then PGlite, beside a constant-response server measured in the same run.
 * Uses the opt-out bench's helpers in bench/lib/.
 *
 *   node --import tsx bench/feedback-load.ts [seconds]
 */
const seconds = Number(process.argv[2] ?? 20);
const connections = 50;
const endpoint = { path: '/api/feedback', body: (n: number) => feedbackBody(n) };

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
  printFigures('POST /api/feedback (PostgreSQL)', figures, baseline);
  const met = figures.requestsPerSecond >= 1000 && figures.p99 <= 100;
  process.stdout.write(`target (>= 1000 req/s, p99 <= 100 ms): ${met ? 'met' : 'NOT met'}\n`);
  await stopServer(server);
} finally {
  pg.cluster.stop();
}

const dataDir = mkdtempSync(join(tmpdir(), 'clearshare-bench-pglite-'));
const server = await startServer({ port: await freePort(), dataDir, env: { OUTBOX_INTERVAL_MS: '1000' } });
await loadTest(server.url, endpoint, { connections: 10, seconds: 2 });
printFigures('POST /api/feedback (PGlite)', await loadTest(server.url, endpoint, { connections, seconds }), baseline);
await stopServer(server);
