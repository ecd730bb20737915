import { todayInLondon } from '../../../domain/calendar-date.ts';
import { t } from '../../../i18n/t.ts';
import { bodyFields, jsonErrors, notFound } from '../respond.ts';
import type { StaffContext } from '../route-table.ts';
import {
  countBatchRows,
  countNotYetSent,
  createBatch,
  type ExportBatch,
  findBatch,
  recentBatches,
  waitingByPractice,
} from './export-batches.ts';
import { batchCsv } from './export-stream.ts';
import { PRACTICE_CODE } from './queue-query.ts';
import { OptOutExport } from './views/OptOutExport.tsx';

async function exportPage(ctx: StaffContext, errors: { field: string; message: string }[] = []): Promise<Response> {
  const db = ctx.services.store.db;
  // One after another, not Promise.all: three queries at once are pipelined on the function's one
  // connection, and through pgbouncer 1.18 in transaction mode that left the staff function's
  // connection waiting for good (the platform journey hung here, on pgbouncer only).
  const waiting = await countNotYetSent(db);
  const batches = await recentBatches(db);
  const practices = await waitingByPractice(db);
  const title = t('staffQueues.export.title');
  return ctx.page({
    title: errors.length > 0 ? `${t('staffQueues.errorTitlePrefix')} ${title}` : title,
    status: errors.length > 0 ? 422 : 200,
    body: (
      <OptOutExport
        waiting={waiting}
        practices={practices}
        practice={String(bodyFields(ctx.body)['practice'] ?? '')}
        batches={batches}
        csrfToken={ctx.csrfToken}
        errors={errors}
      />
    ),
  });
}

/** GET /staff/opt-outs/export: how many changes are waiting, and the past batches. */
export function exportFormHandler(ctx: StaffContext): Promise<Response> {
  return exportPage(ctx);
}

/**
 * The CSV as a download, streamed from the database a chunk at a time (batchCsv), never cached;
 * the file is named by batch and the day it was made.
 */
function csvResponse(ctx: StaffContext, batch: ExportBatch): Response {
  return new Response(batchCsv(ctx.services.store.db, ctx.services.keyring, batch.id), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="opt-out-changes-batch-${batch.id}${batch.practiceCode ? `-${batch.practiceCode}` : ''}-${todayInLondon(batch.createdAt)}.csv"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/**
 * POST /staff/opt-outs/export (and /api/staff/opt-outs/export): the next batch, holding every
 * change not yet sent, or with `practice` (an ODS code) only that practice's. The batch and its
 * audit entry (batch id, row count and practice, never the contents) are written together. With
 * nothing waiting, the page says so and no batch is made.
 */
export async function exportCsvHandler(ctx: StaffContext): Promise<Response> {
  const refuse = (message: string, field = 'practice') => {
    const errors = [{ field, message }];
    return ctx.wantsJson ? jsonErrors(errors) : exportPage(ctx, errors);
  };
  const chosen = String(bodyFields(ctx.body)['practice'] ?? '')
    .trim()
    .toUpperCase();
  if (chosen !== '' && !PRACTICE_CODE.test(chosen)) return refuse(t('staffQueues.export.error.practice'));
  const made = await createBatch(ctx.services.store.db, {
    actorId: ctx.staff.id,
    now: ctx.now(),
    ...(chosen ? { practice: chosen } : {}),
  });
  if (!made) return refuse(t('staffQueues.export.error.nothing'), chosen ? 'practice' : 'next');
  return csvResponse(ctx, made);
}

/** POST /staff/opt-outs/export/:batch: a past batch again, with the same rows (audited). */
export async function exportAgainHandler(ctx: StaffContext): Promise<Response> {
  const id = Number(ctx.params['batch']);
  const batch = Number.isSafeInteger(id) && id > 0 ? await findBatch(ctx.services.store.db, id) : undefined;
  if (!batch) return notFound(ctx);
  await ctx.audit({
    action: 'opt-out.export-again',
    subjectType: 'export',
    subjectRef: String(batch.id),
    detail: { rows: await countBatchRows(ctx.services.store.db, batch.id) },
  });
  return csvResponse(ctx, batch);
}
