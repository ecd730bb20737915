import { describeError, log } from './log.ts';
import { outboxSummary } from './mail/outbox.ts';
import type { Services } from './services.ts';

// Checking SMTP opens a connection; under frequent health probes, reuse a recent answer.
const VERIFY_CACHE_MS = 30_000;
/**
 * An email waiting longer than this means the outbox is not running or the relay refuses it. The
 * count itself is for staff only, so the public answer says "degraded" instead and uptime checks alert.
 */
const STUCK_MAIL_SECONDS = 15 * 60;
const verified = new WeakMap<Services['mailer'], { at: number; result: Promise<void> }>();
function verifyMail(mailer: Services['mailer'], now = Date.now()): Promise<void> {
  const cached = verified.get(mailer);
  if (cached && now - cached.at < VERIFY_CACHE_MS) return cached.result;
  const result = mailer.verify();
  verified.set(mailer, { at: now, result });
  result.catch(() => verified.delete(mailer));
  return result;
}

/** What anyone may read: whether the service is up, nothing about its queue or what it runs on. */
export interface PublicHealth {
  status: HealthReport['status'];
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  database: { status: 'ok' | 'down'; kind?: 'pglite' | 'postgres'; storage?: 'ok' | 'full' };
  mail: {
    status: 'ok' | 'down';
    kind?: 'smtp' | 'file';
    pending?: number;
    dead?: number;
    oldestPendingSeconds?: number;
  };
}

/**
 * What /api/health reports. The database being down means nothing can be accepted, so the
 * service is "down"; mail being down only delays emails (the outbox keeps them), so "degraded".
 * A full disk counts as the database down although `select 1` still answers: every submission
 * would be refused, and a platform's health check should take this instance out of service (or
 * restart it) rather than keep sending people to a form that cannot save. The state comes from
 * the store's own guard (free space under the reserve, or a write that failed for lack of space),
 * read on each check: no probe write, which would itself need the space that is missing.
 * Errors are logged, never returned: they can name hosts and users.
 */
export async function checkHealth(services: Services | undefined): Promise<HealthReport> {
  if (!services) return { status: 'down', database: { status: 'down' }, mail: { status: 'down' } };
  const { store, mailer } = services;
  const database: HealthReport['database'] = { status: 'ok', kind: store.kind };
  const mail: HealthReport['mail'] = { status: 'ok', kind: mailer.kind };
  try {
    await store.ping();
    const storage = store.storage();
    if (storage) database.storage = storage.status;
    if (storage?.status === 'full') {
      database.status = 'down';
      log.error('Health check: storage full, submissions are refused', {
        reason: storage.reason,
        freeBytes: storage.freeBytes,
      });
    }
    Object.assign(mail, await outboxSummary(store.db));
  } catch (error) {
    database.status = 'down';
    log.error('Health check: database did not answer', { error: describeError(error) });
  }
  try {
    await verifyMail(mailer);
  } catch (error) {
    mail.status = 'down';
    log.error('Health check: mail route not available', { error: describeError(error) });
  }
  const mailStuck = (mail.oldestPendingSeconds ?? 0) > STUCK_MAIL_SECONDS;
  const status = database.status === 'down' ? 'down' : mail.status === 'down' || mailStuck ? 'degraded' : 'ok';
  return { status, database, mail };
}

/**
 * The public answer of /api/health. Email counts and the kinds of database and mail route are for
 * staff (the "Emails not delivered" page): in public they would show an attacker whether a flood is
 * filling the queue. "degraded" stays a word of its own, because a platform's health check takes an
 * instance out of service on 503, and mail being down must not do that while forms still save.
 */
export const publicHealth = (report: HealthReport): PublicHealth => ({ status: report.status });
