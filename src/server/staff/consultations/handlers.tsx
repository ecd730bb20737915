import { todayInLondon } from '../../../domain/calendar-date.ts';
import { t } from '../../../i18n/t.ts';
import { readConsultation } from '../../consultations/definitions.ts';
import { consultationAnswers } from '../../db/consultations-schema.ts';
import { withAudit } from '../audit.ts';
import { jsonErrors, jsonOk, notFound, seeOther } from '../respond.ts';
import type { StaffContext } from '../route-table.ts';
import { answersCsv } from './export.ts';
import { decideTextAnswer, type PendingTextAnswer, pendingTextAnswers } from './moderation.ts';
import { ModerationQueue, type QuestionLabel, type QuestionLabels } from './views/ModerationQueue.tsx';

/** Written answers may hold health details or say who wrote them: only IG exports them (docs/consultations.md). */
const mayExportText = (ctx: StaffContext) => ctx.staff.roles.includes('ig');

/**
 * Each pending answer's consultation title and question, as the comms team wrote them, so a
 * moderator reads the answer against what was asked rather than against an id. An answer whose
 * consultation or question is no longer in the content keeps its ids.
 */
async function questionLabels(ctx: StaffContext, pending: readonly PendingTextAnswer[]): Promise<QuestionLabels> {
  const labels = new Map<string, QuestionLabel>();
  for (const slug of new Set(pending.map((answer) => answer.consultation))) {
    const consultation = await readConsultation(ctx.services.env.CONTENT_DIR, slug);
    if (!consultation) continue;
    for (const question of consultation.questions)
      labels.set(`${slug}/${question.id}`, { consultation: consultation.title, question: question.text });
  }
  return labels;
}

/** GET /staff/consultations: the moderation queue and the exports. Reading the queue is audited: it shows what residents wrote. */
export async function moderationQueuePage(ctx: StaffContext): Promise<Response> {
  const db = ctx.services.store.db;
  const [pending, consultations] = await Promise.all([
    pendingTextAnswers(db, ctx.services.keyring),
    db.selectDistinct({ slug: consultationAnswers.consultation }).from(consultationAnswers),
  ]);
  await ctx.audit({ action: 'consultation.moderation.view', detail: { shown: pending.length } });
  if (ctx.wantsJson) return jsonOk({ pending });
  const labels = await questionLabels(ctx, pending);
  const done = ctx.query.get('done');
  return ctx.page({
    title: t('consultations.staff.title'),
    body: (
      <ModerationQueue
        pending={pending}
        labels={labels}
        consultations={consultations.map((row) => row.slug).sort()}
        csrfToken={ctx.csrfToken}
        withText={mayExportText(ctx)}
        done={done === 'approved' || done === 'rejected' ? t(`consultations.staff.done.${done}`) : undefined}
      />
    ),
  });
}

/**
 * POST /staff/consultations/answers/:id/approve and …/reject. Only a pending answer changes, and
 * the decision and its audit entry commit together (withAudit) or not at all.
 */
export function decisionHandler(decision: 'approved' | 'rejected') {
  return async (ctx: StaffContext): Promise<Response> => {
    const id = Number(ctx.params['id']);
    if (!Number.isSafeInteger(id) || id <= 0) return notFound(ctx);
    const decided = await withAudit(
      ctx.services.store.db,
      (tx) => decideTextAnswer(tx, id, decision, ctx.staff.id, ctx.now()),
      (done) =>
        done && {
          actorId: ctx.staff.id,
          action: `consultation.answer.${decision === 'approved' ? 'approve' : 'reject'}`,
          subjectType: 'consultation-text-answer',
          subjectRef: String(done.id),
          detail: { consultation: done.consultation },
        },
      ctx.now(),
    );
    if (!decided) {
      // Decided already by someone else, or never waiting: nothing changed, say so plainly.
      if (ctx.wantsJson) return jsonErrors([{ field: 'id', message: t('consultations.staff.notPending') }], 409);
      return seeOther('/staff/consultations');
    }
    if (ctx.wantsJson) return jsonOk({ id, state: decision });
    return seeOther(`/staff/consultations?done=${decision}`);
  };
}

/** GET /staff/consultations/:slug/answers.csv: written answers and names only for the IG role; audited. */
export async function exportHandler(ctx: StaffContext): Promise<Response> {
  const slug = ctx.params['slug'] ?? '';
  const consultation = await readConsultation(ctx.services.env.CONTENT_DIR, slug);
  if (!consultation) return notFound(ctx);
  const withText = mayExportText(ctx);
  const csv = await answersCsv(ctx.services.store.db, ctx.services.keyring, slug, consultation, withText);
  await ctx.audit({
    action: 'consultation.export',
    subjectType: 'consultation',
    subjectRef: slug,
    detail: { withText },
  });
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="consultation-${slug}-${todayInLondon(ctx.now())}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
