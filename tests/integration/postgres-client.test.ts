import net from 'node:net';
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { describe, expect, it, vi } from 'vitest';
import { postgresClient } from '../../src/server/db/client.ts';

/**
 * The PostgreSQL client runs with pipelining off (`max_pipeline: 0`, see postgresClient), which
 * postgres.js 3.4.9 can only do with patches/postgres+3.4.9.patch: without it, every transaction
 * fails with UNSAFE_TRANSACTION. A fresh install that skipped the patch (patch-package did not run)
 * fails here rather than in production. The hang the setting prevents is shown through pgbouncer
 * in pooler.test.ts.
 */
const serverUrl = process.env['TEST_DATABASE_URL'];
const describeServer = serverUrl ? describe : describe.skip;

describeServer('the PostgreSQL client with pipelining off', () => {
  it('runs transactions, alone and beside other queries, on one connection and on several', async () => {
    for (const max of [1, 3]) {
      const sql = postgresClient(serverUrl ?? '', { max });
      try {
        const [inside, outside] = await Promise.all([
          sql.begin(async (tx) => {
            const [row] = await tx`select txid_current_if_assigned() is null as fresh, 1 + ${1}::int as two`;
            return row;
          }),
          sql`select ${'beside'}::text as said`,
        ]);
        expect(inside).toEqual({ fresh: true, two: 2 });
        expect(outside?.[0]).toEqual({ said: 'beside' });
        // A rolled-back transaction leaves the connection clean for the next query.
        await expect(
          sql.begin(async (tx) => {
            await tx`select 1`;
            throw new Error('undo');
          }),
        ).rejects.toThrow('undo');
        const [state] = await sql`select count(*)::int as open from pg_stat_activity
          where pid = pg_backend_pid() and state like 'idle in transaction%'`;
        expect(state?.['open']).toBe(0);
      } finally {
        await sql.end({ timeout: 1 });
      }
    }
  });

  it('sends a statement with parameters in one flight without named prepared statements, with the answers the describe step gives', async () => {
    const tricky = ['a,b', 'c"d', 'e\\f', null, '{}', 'NULL', ' spaced ', 'ü ✓', ''];
    const ask = (sql: postgres.Sql) => [
      sql`select ${'it\'s \\ "q" ü'}::text as t, ${42}::int as i, ${1.5}::numeric as n, ${null}::text as nothing`,
      sql`select x from unnest(${tricky}::text[]) with ordinality as u(x, k) order by k`,
      sql`select sum(x)::int as total, count(*)::int as rows from unnest(${[1, 2, 3]}::integer[]) as x`,
      sql`select cardinality(${[]}::text[]) as none`,
      sql`select ${'2026-06-14'}::date::text as day, ${'2026-06-14T23:30:00Z'}::timestamptz = '2026-06-14 23:30:00+00' as instant`,
      sql`select ${JSON.stringify({ a: [1, 'two'] })}::jsonb as doc, ${true}::boolean as yes, ${'untyped'} as plain`,
      sql`select ${[1, null, 3]}::integer[] as holes, ${-0.25}::float8 as quarter`,
    ];
    const answers: unknown[][] = [];
    for (const prepared of [true, false]) {
      const sql = postgresClient(serverUrl ?? '', { max: 1, preparedStatements: prepared });
      // As openStore does: drizzle passes json and dates through as given (its serializers).
      drizzle(sql);
      try {
        answers.push(await Promise.all(ask(sql)));
        // The connection is open: count what the client writes to its socket for one statement.
        const writes = vi.spyOn(net.Socket.prototype, 'write');
        try {
          await sql`select ${'once'}::text as said, ${['a', 'b']}::text[] as list, ${7} + 1 as eight`;
          if (!prepared) expect(writes).toHaveBeenCalledTimes(1);
        } finally {
          writes.mockRestore();
        }
      } finally {
        await sql.end({ timeout: 1 });
      }
    }
    // Named prepared statements (the describe step, then the values typed by the server's answer)
    // and one flight (values sent as text) give the same rows.
    expect(answers[1]).toEqual(answers[0]);
    const unnested = (answers[1]?.[1] ?? []) as { x: string | null }[];
    expect(unnested.map((row) => row.x)).toEqual(tricky);
  });

  it('keeps named prepared statements only when told to (DB_PREPARED_STATEMENTS), with the same answers', async () => {
    for (const prepared of [false, true]) {
      const sql = postgresClient(serverUrl ?? '', { max: 1, preparedStatements: prepared });
      try {
        for (let round = 0; round < 2; round += 1) {
          const rows = await sql`select n, n * ${2}::int as twice from unnest(${[1, 2, 3]}::int[]) as n order by n`;
          expect(rows.map((row) => row['twice'])).toEqual([2, 4, 6]);
          const [inside] = await sql.begin((tx) => tx`select ${'in a transaction'}::text as said`);
          expect(inside?.['said']).toBe('in a transaction');
        }
        // One connection (max 1), so this is the session the queries above ran in.
        const [kept] = await sql`select count(*)::int as statements from pg_prepared_statements`;
        if (prepared) expect(kept?.['statements']).toBeGreaterThan(0);
        else expect(kept?.['statements']).toBe(0);
      } finally {
        await sql.end({ timeout: 1 });
      }
    }
  });
});
