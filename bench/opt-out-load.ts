import { benchArguments } from './lib/arguments.ts';
import { runEndpointLoad } from './lib/endpoint-load.ts';
import { optOutBody } from './lib/opt-out-bodies.ts';

/**
 * Load on the opt-out endpoint (see bench/lib/endpoint-load.ts): 50 connections for 20 s of
 * valid, distinct opt-out requests, with PostgreSQL directly, then through pgbouncer in
 * transaction mode (as on a platform; skipped if it is not installed), then PGlite, beside a
 * constant handler.
 */
const args = benchArguments(`Usage: npm run bench -- opt-out-load [seconds, default 20]

Load on POST /api/opt-out with PostgreSQL directly, through pgbouncer (if installed), then PGlite,
beside a constant handler. Needs PostgreSQL (apt-get install postgresql) and npm run build.`);
await runEndpointLoad({ path: '/api/opt-out', body: optOutBody }, args.count(0, 20, 'number of seconds'), {
  pooler: true,
});
