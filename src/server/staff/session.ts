import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from '../../domain/staff.ts';
import type { Database } from '../db/client.ts';
import { staffSessions } from '../db/staff-schema.ts';
import { hostCookie } from '../http/cookies.ts';

/**
 * Staff sessions (OWASP ASVS 5.0 V7). The cookie holds 32 random bytes; the database holds only
 * their SHA-256, so a copy of the table cannot be replayed as a cookie. A session starts at the
 * "password" (or "totp-set-up") stage and is replaced by a new one — a new id — when it becomes
 * "active", so an id seen before the second factor is worthless afterwards.
 */
export type SessionStage = 'password' | 'totp-set-up' | 'active';

/**
 * `__Host-` makes the browser insist on Secure, Path=/ and no Domain, so no sub-domain can set or
 * overwrite it. Browsers only store Secure cookies over https — except on localhost: Chromium
 * treats http://localhost and http://127.0.0.1 as secure contexts, which is what lets the local
 * server and the Playwright journeys work over plain http.
 */
export const SESSION_COOKIE = '__Host-clearshare-staff';

/** A session's two clocks: 15 minutes idle, 8 hours from sign-in whatever the activity. */
export const IDLE_MS = SESSION_IDLE_MINUTES * 60 * 1000;
export const ABSOLUTE_MS = SESSION_ABSOLUTE_HOURS * 60 * 60 * 1000;
/** Between the password and the code (or during set-up) a person has at most this long. */
const PRE_ACTIVE_MS = IDLE_MS;

export const newSecret = (): string => randomBytes(32).toString('base64url');
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** Compares two secrets in constant time (hashing first makes the lengths equal). */
export function secretsMatch(given: string, expected: string): boolean {
  return timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());
}

export interface StaffSession {
  idHash: string;
  userId: number;
  stage: SessionStage;
  /** The synchroniser token for this session's forms (stored as is: it is useless without the cookie). */
  csrfToken: string;
  lastSeenAt: Date;
  absoluteExpiresAt: Date;
}

export type SessionLookup =
  | { status: 'none' }
  | { status: 'expired'; reason: 'idle' | 'absolute'; session: StaffSession }
  | { status: 'ok'; session: StaffSession };

/** Starts a session; returns the cookie token (never stored) and the session. */
export async function createSession(db: Database, userId: number, stage: SessionStage, now: Date) {
  const token = newSecret();
  const lifetime = stage === 'active' ? ABSOLUTE_MS : PRE_ACTIVE_MS;
  const session: StaffSession = {
    idHash: sha256(token),
    userId,
    stage,
    csrfToken: newSecret(),
    lastSeenAt: now,
    absoluteExpiresAt: new Date(now.getTime() + lifetime),
  };
  await db.insert(staffSessions).values({
    idHash: session.idHash,
    userId,
    stage,
    csrfSecret: session.csrfToken,
    createdAt: now,
    lastSeenAt: now,
    absoluteExpiresAt: session.absoluteExpiresAt,
  });
  return { token, session };
}

/** Finds the live session for a cookie token, telling an expired one apart from none at all. */
export async function findSession(db: Database, token: string | undefined, now: Date): Promise<SessionLookup> {
  if (!token || token.length > 100) return { status: 'none' };
  const [row] = await db
    .select()
    .from(staffSessions)
    .where(and(eq(staffSessions.idHash, sha256(token)), isNull(staffSessions.revokedAt)))
    .limit(1);
  if (!row) return { status: 'none' };
  const session: StaffSession = {
    idHash: row.idHash,
    userId: row.userId,
    stage: row.stage,
    csrfToken: row.csrfSecret,
    lastSeenAt: row.lastSeenAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
  };
  if (now.getTime() >= row.absoluteExpiresAt.getTime()) return { status: 'expired', reason: 'absolute', session };
  if (now.getTime() - row.lastSeenAt.getTime() >= IDLE_MS) return { status: 'expired', reason: 'idle', session };
  return { status: 'ok', session };
}

/** Records activity, which restarts the idle clock. */
export async function touchSession(db: Database, idHash: string, now: Date): Promise<void> {
  await db.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.idHash, idHash));
}

export async function revokeSession(db: Database, idHash: string, now: Date): Promise<void> {
  await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.idHash, idHash), isNull(staffSessions.revokedAt)));
}

/** Ends every session of one person: on reset, disable and role changes. */
export async function revokeAllSessions(db: Database, userId: number, now: Date): Promise<void> {
  await db
    .update(staffSessions)
    .set({ revokedAt: now })
    .where(and(eq(staffSessions.userId, userId), isNull(staffSessions.revokedAt)));
}

/** Replaces a session with a new id at a new stage (fixation defence at each step up). */
export async function rotateSession(db: Database, old: StaffSession, stage: SessionStage, now: Date) {
  await revokeSession(db, old.idHash, now);
  return createSession(db, old.userId, stage, now);
}

/** The Set-Cookie header for a session token. No Max-Age: it ends with the browser, and the server enforces both limits. */
export function sessionCookie(token: string): string {
  return hostCookie(SESSION_COOKIE, token, 'Strict');
}

export function clearSessionCookie(): string {
  return hostCookie(SESSION_COOKIE, null, 'Strict');
}

export { readCookie } from '../http/cookies.ts';
