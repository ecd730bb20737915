import { t } from '../../../i18n/t.ts';
import { checkHealth } from '../../health.ts';
import { withAudit } from '../audit.ts';
import { jsonErrors, jsonOk, notFound, seeOther } from '../respond.ts';
import type { StaffContext } from '../route-table.ts';
import { listDeadLetters, retryDeadLetter } from './dead-letters.ts';
import { DeadLetters } from './views/DeadLetters.tsx';
import { ServiceHealth } from './views/ServiceHealth.tsx';

/**
 * GET /staff/mail and /api/staff/mail: dead messages (no recipients, so nothing to audit), and the
 * health detail that /api/health no longer shows the public.
 */
export async function deadLettersHandler(ctx: StaffContext): Promise<Response> {
  const [letters, health] = await Promise.all([
    listDeadLetters(ctx.services.store.db, ctx.staff.roles),
    checkHealth(ctx.services),
  ]);
  if (ctx.wantsJson) return jsonOk({ messages: letters, health });
  const done = ctx.query.get('done') === 'retried' ? t('staffQueues.mail.retried') : undefined;
  return ctx.page({
    title: t('staffQueues.mail.title'),
    body: (
      <>
        <DeadLetters letters={letters} csrfToken={ctx.csrfToken} done={done} />
        <ServiceHealth report={health} />
      </>
    ),
  });
}

/** POST /staff/mail/:id/retry: back to pending with a fresh 72-hour window; audited. Only the owning role (dead-letters.ts). */
export async function retryHandler(ctx: StaffContext): Promise<Response> {
  const id = Number(ctx.params['id']);
  if (!Number.isSafeInteger(id) || id <= 0) return notFound(ctx);
  // The message goes back to pending only with its audit entry (one transaction).
  const retried = await withAudit(
    ctx.services.store.db,
    (tx) => retryDeadLetter(tx, id, ctx.staff.roles, ctx.now()),
    (done) =>
      done && done !== 'not-yours'
        ? {
            actorId: ctx.staff.id,
            action: 'mail.retry',
            subjectType: 'outbox',
            subjectRef: String(id),
            detail: { template: done.template },
          }
        : undefined,
    ctx.now(),
  );
  if (retried === 'not-yours') return notFound(ctx);
  if (!retried) {
    // Already retried by someone else, or never dead: nothing changed, say so plainly.
    if (ctx.wantsJson) return jsonErrors([{ field: 'id', message: t('staffQueues.mail.notDead') }], 409);
    return seeOther('/staff/mail');
  }
  if (ctx.wantsJson) return jsonOk({ id, status: 'pending' });
  return seeOther('/staff/mail?done=retried');
}
