import { runEndpointLoad } from './lib/endpoint-load.ts';
import { optOutBody } from './lib/opt-out-bodies.ts';

/**
 * Load on the opt-out endpoint (see bench/lib/endpoint-load.ts): 50 connections for 20 s of
 * valid, distinct opt-out requests, with PostgreSQL directly, then through pgbouncer in
 * transaction mode (as on a platform; skipped if it is not installed), then PGlite, beside a
 * constant handler.
 *
 *   node bench/opt-out-load.ts [seconds]
 */
await runEndpointLoad({ path: '/api/opt-out', body: optOutBody }, Number(process.argv[2] ?? 20), {
  pooler: true,
});
