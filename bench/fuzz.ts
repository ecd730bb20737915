import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../src/server/env.ts';
import { closeServices, installServices, openServices } from '../src/server/services.ts';
import {
  endpoints,
  fuzzEndpoint,
  HUGE_BODIES,
  makeFixture,
  quietLogs,
  type Tally,
} from '../tests/support/fuzz-arbitraries.ts';
import { publicHandlers } from '../tests/support/fuzz-handlers.ts';
import { pageShellDir } from '../tests/support/page-shells.ts';
import { benchArguments } from './lib/arguments.ts';
import { printTable } from './lib/format.ts';

/**
 * The long fuzz run (issue 8): the same generators and checks as
 * tests/integration/fuzz-public-endpoints.test.ts, with many more requests per endpoint, on a
 * fresh PGlite store. Prints, per endpoint, requests tried, 5xx answers, unclear 4xx answers,
 * rejected requests that changed rows, the statuses seen and requests per second — beside the
 * harness's own rate on a handler that answers at once (the baseline, same run), so the ratio says
 * how much of the time is the endpoint.
 */
const args = benchArguments(`Usage: npm run bench -- fuzz [runs per endpoint, default 100000] [name filter] [seed]

The long fuzz run of every public endpoint on a fresh PGlite store.
HUGE=1 also sends the 11 MB bodies (slow: each is built and parsed in full).
SHARD=1/2 runs every other endpoint (the first, third…), for one process per core.`);
const runs = args.count(0, 100_000, 'number of runs per endpoint');
const filter = args.text(1) ?? '';
const seed = args.text(2) === undefined ? Date.now() % 2 ** 31 : args.count(2, 1, 'seed');
HUGE_BODIES.enabled = process.env['HUGE'] === '1';

const dataDir = mkdtempSync(join(tmpdir(), 'clearshare-fuzz-'));
const restoreLogs = quietLogs();
const services = await openServices(
  loadEnv({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    STATIC_DIR: pageShellDir(),
    RATE_LIMIT_PER_CLIENT_PER_HOUR: '1000000000',
    RATE_LIMIT_GLOBAL_PER_MINUTE: '1000000000',
  }),
);
// Nothing leaves: the outbox is not dispatched here, and a stray send goes nowhere.
installServices({
  ...services,
  mailer: { kind: 'file', send: async () => {}, verify: async () => {}, close: () => {} },
});
const fixture = await makeFixture(publicHandlers, services);

const [shard = 1, shards = 1] = (process.env['SHARD'] ?? '1/1').split('/').map(Number);
const tallies: Tally[] = [];
const baselineRuns = Math.min(runs, 20_000);
const baseline = await fuzzEndpoint(
  {
    name: 'baseline (answers 204 at once)',
    handler: async () => new Response(null, { status: 204 }),
    requests: (endpoints(publicHandlers)[0] ?? { requests: () => undefined as never }).requests,
  },
  services.store,
  fixture,
  { numRuns: baselineRuns, seed },
);
tallies.push(baseline);
for (const [index, endpoint] of endpoints(publicHandlers).entries()) {
  if (!endpoint.name.includes(filter) || index % shards !== shard - 1) continue;
  const tally = await fuzzEndpoint(endpoint, services.store, fixture, { numRuns: runs, seed });
  tallies.push(tally);
  // A line per endpoint as it finishes, so a long run that is stopped early still reports.
  process.stdout.write(
    `${endpoint.name}: ${tally.tried} tried in ${tally.seconds.toFixed(0)} s, ${tally.serverErrors} 5xx, ${tally.unclear} unclear, ${tally.storedWhenRejected} stored when rejected\n`,
  );
}
restoreLogs();
await closeServices();
rmSync(dataDir, { recursive: true, force: true });

const rate = (t: Tally) => t.tried / t.seconds;
console.log(
  `\nFuzz run, seed ${seed}, ${runs} requests per endpoint, 11 MB bodies ${HUGE_BODIES.enabled ? 'on' : 'off'}\n`,
);
printTable(
  tallies.map((t) => ({
    endpoint: t.endpoint,
    tried: t.tried,
    '5xx': t.serverErrors,
    'unclear 4xx': t.unclear,
    'stored when rejected': t.storedWhenRejected,
    statuses: Object.entries(t.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' '),
    'req/s': rate(t).toFixed(0),
    'vs baseline': (rate(t) / rate(baseline)).toFixed(2),
  })),
);
const fuzzed = tallies.slice(1);
const sum = (pick: (t: Tally) => number) => fuzzed.reduce((n, t) => n + pick(t), 0);
console.log(
  `\nIn all: ${sum((t) => t.tried)} requests tried, ${sum((t) => t.serverErrors)} 5xx, ${sum((t) => t.unclear)} unclear 4xx, ${sum((t) => t.storedWhenRejected)} rejected requests that stored something`,
);
for (const t of fuzzed) for (const example of t.examples) console.log(`  ${t.endpoint}: ${example.slice(0, 400)}`);
process.exit(sum((t) => t.serverErrors + t.unclear + t.storedWhenRejected) === 0 ? 0 : 1);
