import { sql } from 'drizzle-orm';
import { rateLimits } from '../db/abuse-schema.ts';
import type { Database } from '../db/client.ts';
import { batchPerDatabase } from '../db/group-commit.ts';
import { perDatabase } from '../db/per-database.ts';

/**
 * Per-client counters for rate limits, counted in the same table and with the same fixed-window
 * rule as rate-limiter-flexible's Drizzle store (add a point; if the window has ended, start a
 * new one) — but group-committed: the counts of requests arriving together go to the database as
 * one statement. With one upsert per request, this counter was 40 % of a submission's cost under
 * load (measured: 850 against 1,400 req/s without it). Written by hand because the library has
 * no way to count several keys in one statement; the global limit still uses the library.
 */
interface Hit {
  key: string;
  windowMs: number;
}

interface Count {
  /** Points in the key's current window, this hit included. */
  points: number;
  /** When the window ends. */
  expire: Date;
}

const p = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;

function prepare(db: Database) {
  const points = sql.identifier(rateLimits.points.name);
  const expire = sql.identifier(rateLimits.expire.name);
  const ended = sql`${rateLimits.expire} <= ${p('now', 'timestamptz')}`;
  return db
    .insert(rateLimits)
    .select(
      // Timestamps travel as text (postgres.js cannot send a timestamptz[] here) and are cast back.
      sql`select key, points, expire::timestamptz from unnest(${p('keys', 'text[]')}, ${p('points', 'integer[]')}, ${p('expires', 'text[]')}) as t(key, points, expire)`,
    )
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        points: sql`case when ${ended} then excluded.${points} else ${rateLimits.points} + excluded.${points} end`,
        expire: sql`case when ${ended} then excluded.${expire} else ${rateLimits.expire} end`,
      },
    })
    .returning({ key: rateLimits.key, points: rateLimits.points, expire: rateLimits.expire })
    .prepare('rate_limit_hits');
}

const statements = perDatabase(prepare);

/** Adds one point to each hit's key. A key hit twice in a batch is written once with 2 points. */
async function countHits(db: Database, hits: Hit[]): Promise<Count[]> {
  const statement = statements(db);
  const now = new Date();
  const perKey = new Map<string, { points: number; expire: Date }>();
  for (const hit of hits) {
    const entry = perKey.get(hit.key);
    const expire = new Date(now.getTime() + hit.windowMs);
    if (entry) entry.points += 1;
    else perKey.set(hit.key, { points: 1, expire });
  }
  const rows = await statement.execute({
    now: now.toISOString(),
    keys: [...perKey.keys()],
    points: [...perKey.values()].map((entry) => entry.points),
    expires: [...perKey.values()].map((entry) => entry.expire.toISOString()),
  });
  const totals = new Map(rows.map((row) => [row.key, row]));
  // Hits on the same key take consecutive counts, in arrival order, as one at a time would.
  const handedOut = new Map<string, number>();
  return hits.map((hit) => {
    const total = totals.get(hit.key);
    const entry = perKey.get(hit.key);
    if (!total || !entry || !total.expire) throw new Error('A rate-limit counter was not returned');
    const before = handedOut.get(hit.key) ?? 0;
    handedOut.set(hit.key, before + 1);
    return { points: total.points - entry.points + before + 1, expire: total.expire };
  });
}

/** Hits that arrive while a count is in flight wait and go together in the next statement. */
const commitHit = batchPerDatabase(countHits);

/** Counts one hit on `key` in a window of `windowMs`, sharing a statement with other hits waiting. */
export function countHit(db: Database, key: string, windowMs: number): Promise<Count> {
  return commitHit(db, { key, windowMs });
}
