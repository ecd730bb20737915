import postgres from 'postgres';
import { benchArguments } from './lib/arguments.ts';
import { crashTest } from './lib/crash.ts';
import { optOutBody } from './lib/opt-out-bodies.ts';
import { startPostgres } from './lib/server.ts';

/**
 * Crash safety of the opt-out endpoint with PostgreSQL: submissions flow while the server is
 * SIGKILLed five times. Every reference a client received must be in opt_out_requests exactly
 * once, with its confirmation email in the outbox. Prints "acknowledged N, stored N, lost 0,
 * duplicated 0".
 */
benchArguments(`Usage: npm run bench -- opt-out-crash

Opt-outs sent continuously while the server is killed five times; then every reference given out
must be stored exactly once. Needs PostgreSQL (apt-get install postgresql) and npm run build.`);
const pg = await startPostgres();
try {
  const result = await crashTest(
    {
      databaseUrl: pg.url,
      endpoint: { path: '/api/opt-out', body: optOutBody },
      referenceOf: (body) =>
        typeof body === 'object' && body !== null && 'reference' in body && typeof body.reference === 'string'
          ? body.reference
          : undefined,
    },
    {
      async check(references) {
        const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
        try {
          const rows = await sql<{ reference: string; copies: number; emails: number }[]>`
            select r.reference, count(*)::int as copies,
              (select count(*)::int from outbox_messages m where m.dedupe_key = 'opt-out:' || r.reference || ':received') as emails
            from opt_out_requests r where r.reference = any(${references}) group by r.reference`;
          return {
            stored: rows.length,
            duplicated: rows.filter((row) => row.copies > 1).length,
            missingEmails: rows.filter((row) => row.emails !== 1).length,
          };
        } finally {
          await sql.end();
        }
      },
    },
  );
  process.exitCode = result.lost === 0 && result.duplicated === 0 && result.missingEmails === 0 ? 0 : 1;
} finally {
  pg.cluster.stop();
}
