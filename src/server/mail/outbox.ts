import { and, eq, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { decryptField, decryptJson, encryptField, encryptJson, type Keyring } from '../crypto/field-crypto.ts';
import { slotOf } from '../crypto/slots.ts';
import type { Database, Transaction } from '../db/client.ts';
import { outboxMessages } from '../db/schema.ts';
import { describeError, log } from '../log.ts';
import { stopMailAfterHardBounce } from '../subscriptions/bounces.ts';
import { SUBSCRIBER_TEMPLATES } from '../subscriptions/update-emails.ts';
import { renderTemplate, type TemplateName, type TemplateParams, templates } from './templates.ts';
import { MailDeliveryError, type Mailer } from './transport.ts';

/** How long we keep trying before a message is marked dead and shown to staff (GOV.UK Forms uses ~4.5 h; we promise 72 h). */
export const RETRY_WINDOW_MS = 72 * 60 * 60 * 1000;
/** A claimed message not finished within this time is assumed lost with its sender and retried. */
const CLAIM_MS = 2 * 60 * 1000;

/** The delay before attempt n+1: exponential from 30 s, capped at 1 h, with full jitter so retries from many instances spread out. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(60 * 60 * 1000, 30_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** An email to queue: which template, its values, and a key that stops it being queued twice. */
export interface OutgoingEmail<N extends TemplateName> {
  dedupeKey: string;
  to: string;
  template: N;
  params: TemplateParams<N>;
}

/**
 * The outbox row for an email, checked and encrypted, for a caller that writes it as part of a
 * larger statement (see saveOptOut). Most callers use enqueueEmail.
 */
export function outboxRow<N extends TemplateName>(keyring: Keyring, message: OutgoingEmail<N>) {
  templates[message.template].params.parse(message.params);
  return {
    dedupeKey: message.dedupeKey,
    recipientEncrypted: encryptField(keyring, message.to, slotOf(outboxMessages.recipientEncrypted, message.dedupeKey)),
    template: message.template,
    paramsEncrypted: encryptJson(keyring, message.params, slotOf(outboxMessages.paramsEncrypted, message.dedupeKey)),
  };
}

/**
 * For a caller that saves a row and its email in ONE statement (data-modifying CTEs, atomic like
 * a transaction but one round trip): the INSERT of an outbox row whose values are the
 * placeholders dedupeKey, recipientEncrypted, template and paramsEncrypted (from outboxRow), made
 * only when the CTE named `source` returned a row. Use it as `db.$with('email', {}).as(...)`.
 */
export function outboxInsertFrom(source: string): SQL {
  const column = (c: { name: string }) => sql.identifier(c.name);
  const p = (name: string) => sql`${sql.placeholder(name)}::text`;
  return sql`insert into ${outboxMessages} (${column(outboxMessages.dedupeKey)}, ${column(outboxMessages.recipientEncrypted)}, ${column(outboxMessages.template)}, ${column(outboxMessages.paramsEncrypted)})
    select ${p('dedupeKey')}, ${p('recipientEncrypted')}, ${p('template')}, ${p('paramsEncrypted')} from ${sql.identifier(source)}
    on conflict (${column(outboxMessages.dedupeKey)}) do nothing`;
}

/**
 * Queues an email inside the caller's transaction, so it commits or rolls back with the
 * request it belongs to. The same dedupe key twice queues it once.
 */
export async function enqueueEmail<N extends TemplateName>(
  tx: Transaction | Database,
  keyring: Keyring,
  message: OutgoingEmail<N>,
): Promise<void> {
  await tx
    .insert(outboxMessages)
    .values(outboxRow(keyring, message))
    .onConflictDoNothing({ target: outboxMessages.dedupeKey });
}

export interface DispatchContext {
  db: Database;
  keyring: Keyring;
  mailer: Mailer;
  siteUrl: string;
  /** Where staff emails link (STAFF_ORIGIN); the public address when unset. */
  staffUrl?: string | undefined;
  schemeName: string;
  now?: () => Date;
}

/** Emails one dispatch claims and sends: a full batch means more may be waiting. */
export const OUTBOX_BATCH = 25;

/**
 * Sends what is due. Safe to run from many processes at once: rows are claimed with SKIP LOCKED.
 * When the mail server cannot be reached, the rest of the batch is handed back untried (counted
 * as failed, due with the same backoff, no attempt used) rather than each waiting out a timeout.
 */
export async function dispatchDue(
  context: DispatchContext,
  limit = OUTBOX_BATCH,
): Promise<{ sent: number; failed: number; dead: number }> {
  const now = context.now?.() ?? new Date();
  const claimed = await context.db
    .update(outboxMessages)
    .set({
      status: 'sending',
      lockedUntil: new Date(now.getTime() + CLAIM_MS),
      attempts: sql`${outboxMessages.attempts} + 1`,
    })
    .where(
      inArray(
        outboxMessages.id,
        context.db
          .select({ id: outboxMessages.id })
          .from(outboxMessages)
          .where(
            or(
              and(eq(outboxMessages.status, 'pending'), lte(outboxMessages.nextAttemptAt, now)),
              and(eq(outboxMessages.status, 'sending'), lt(outboxMessages.lockedUntil, now)),
            ),
          )
          .orderBy(outboxMessages.id)
          .limit(limit)
          .for('update', { skipLocked: true }),
      ),
    )
    .returning();

  const counts = { sent: 0, failed: 0, dead: 0 };
  const sentIds: number[] = [];
  for (const [index, row] of claimed.entries()) {
    // Still ours? On a slow machine a batch can outlast its claim, and another sender then claims
    // the rest again (its claim adds one to attempts). Sending it here too would send it twice.
    const held = await context.db
      .update(outboxMessages)
      .set({ lockedUntil: new Date((context.now?.() ?? new Date()).getTime() + CLAIM_MS) })
      .where(
        and(
          eq(outboxMessages.id, row.id),
          eq(outboxMessages.status, 'sending'),
          eq(outboxMessages.attempts, row.attempts),
        ),
      )
      .returning({ id: outboxMessages.id });
    if (held.length === 0) continue;
    let delivered = false;
    try {
      const params = decryptJson(
        context.keyring,
        row.paramsEncrypted,
        slotOf(outboxMessages.paramsEncrypted, row.dedupeKey),
      );
      const email = renderTemplate(row.template, params, context);
      await context.mailer.send({
        to: decryptField(
          context.keyring,
          row.recipientEncrypted,
          slotOf(outboxMessages.recipientEncrypted, row.dedupeKey),
        ),
        ...email,
        messageId: `<${row.dedupeKey.replace(/[^\w.-]/g, '.')}@outbox.clearshare>`,
      });
      delivered = true;
    } catch (error) {
      // A subscriber's address refused for good (a hard bounce): their updates stop and this
      // email is not retried. Other emails keep the usual retries.
      const bounced =
        error instanceof MailDeliveryError && error.permanent && SUBSCRIBER_TEMPLATES.has(row.template)
          ? await stopMailAfterHardBounce(context.db, context.keyring, {
              template: row.template,
              to: decryptField(
                context.keyring,
                row.recipientEncrypted,
                slotOf(outboxMessages.recipientEncrypted, row.dedupeKey),
              ),
            }).then(() => true)
          : false;
      const expired = bounced || now.getTime() - row.createdAt.getTime() >= RETRY_WINDOW_MS;
      const lastError = describeError(error).slice(0, 500);
      const nextAttemptAt = new Date(now.getTime() + retryDelayMs(row.attempts));
      await context.db
        .update(outboxMessages)
        .set({ status: expired ? 'dead' : 'pending', lockedUntil: null, lastError, nextAttemptAt })
        .where(eq(outboxMessages.id, row.id));
      if (expired) counts.dead += 1;
      else counts.failed += 1;
      const outcome = bounced
        ? 'Subscriber email refused for good (hard bounce); their updates are stopped'
        : expired
          ? 'Email marked dead after 72 hours of retries'
          : 'Email not sent; will retry';
      log.warn(outcome, {
        outboxId: row.id,
        attempts: row.attempts,
        error: lastError,
      });
      const untried = claimed.slice(index + 1).map((r) => r.id);
      if (error instanceof MailDeliveryError && error.unreachable && untried.length > 0) {
        await context.db
          .update(outboxMessages)
          .set({ status: 'pending', lockedUntil: null, attempts: sql`${outboxMessages.attempts} - 1`, nextAttemptAt })
          .where(inArray(outboxMessages.id, untried));
        counts.failed += untried.length;
        break;
      }
    }
    if (!delivered) continue;
    // Marked sent as soon as the mail server has it, not at the end of the batch: a crash now
    // repeats at most this one email (with the same Message-ID), not every email sent before it.
    // Outside the try: if the database fails here, the email is not mistaken for an unsent one and
    // retried at once; the claim runs out and it goes again, as after a crash.
    await context.db
      .update(outboxMessages)
      .set({ status: 'sent', sentAt: new Date(), lockedUntil: null, lastError: null })
      .where(eq(outboxMessages.id, row.id));
    sentIds.push(row.id);
    counts.sent += 1;
  }
  // One line per batch: under load a line per email was a write to the log for every request.
  if (sentIds.length > 0) log.info('Emails sent', { count: sentIds.length, outboxIds: sentIds.join(',') });
  return counts;
}

/** Figures for the health check and the staff dashboard. */
export async function outboxSummary(
  db: Database,
): Promise<{ pending: number; dead: number; oldestPendingSeconds: number }> {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${outboxMessages.status} in ('pending', 'sending'))`.mapWith(Number),
      dead: sql<number>`count(*) filter (where ${outboxMessages.status} = 'dead')`.mapWith(Number),
      oldest:
        sql<number>`coalesce(extract(epoch from now() - min(${outboxMessages.createdAt}) filter (where ${outboxMessages.status} in ('pending', 'sending'))), 0)`.mapWith(
          Number,
        ),
    })
    .from(outboxMessages);
  return { pending: row?.pending ?? 0, dead: row?.dead ?? 0, oldestPendingSeconds: Math.round(row?.oldest ?? 0) };
}
