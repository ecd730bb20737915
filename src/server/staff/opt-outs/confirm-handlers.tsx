import { t } from '../../../i18n/t.ts';
import { bodyFields, jsonOk } from '../respond.ts';
import type { StaffContext } from '../route-table.ts';
import { applyConfirmFile, type ConfirmOutcome } from './confirm-apply.ts';
import { readConfirmStream } from './confirm-file.ts';
import type { FileProblem } from './match-file.ts';
import { CONFIRM_FILE_FIELD, ConfirmUpload } from './views/ConfirmUpload.tsx';
import { problemText, refusalSummary } from './views/MatchUpload.tsx';

/**
 * The record platform's confirmation file (issue 19, volume item 2). In order: read the file
 * (encoding, headings, every row) → act on it in one transaction (confirm-apply.ts) → answer
 * with the page saying what happened, or the page again with the report. The result is the
 * page itself, not a redirect: the reasons the platform gave for requests it did not apply are
 * shown once and never stored or put in an address. Sending the form again is harmless: the
 * same file changes nothing the second time.
 */

type Shown =
  | { kind: 'form' }
  | { kind: 'bad-file'; error: string; problems: readonly FileProblem[] }
  | Exclude<ConfirmOutcome, { kind: 'refused' }>;

function page(ctx: StaffContext, shown: Shown): Promise<Response> {
  const title = t('staffConfirm.title');
  const refused = shown.kind === 'bad-file';
  const done =
    shown.kind === 'applied'
      ? t('staffConfirm.done', { applied: shown.applied, already: shown.already, notApplied: shown.notApplied.length })
      : shown.kind === 'nothing-changed'
        ? t('staffConfirm.nothingChanged', { notApplied: shown.notApplied.length })
        : undefined;
  return ctx.page({
    title: refused ? `${t('staffQueues.errorTitlePrefix')} ${title}` : title,
    status: refused ? 422 : 200,
    body: (
      <ConfirmUpload
        csrfToken={ctx.csrfToken}
        error={shown.kind === 'bad-file' ? shown.error : undefined}
        problems={shown.kind === 'bad-file' ? shown.problems : []}
        done={done}
        notApplied={'notApplied' in shown ? shown.notApplied : []}
      />
    ),
  });
}

/** GET /staff/opt-outs/confirmation: the upload form. */
export function confirmFormHandler(ctx: StaffContext): Promise<Response> {
  return page(ctx, { kind: 'form' });
}

/** POST /staff/opt-outs/confirmation (and the /api/ twin): read the file, act on it whole, or change nothing. */
export async function confirmUploadHandler(ctx: StaffContext): Promise<Response> {
  const refuse = (error: string, problems: readonly FileProblem[] = []) =>
    ctx.wantsJson
      ? Response.json(
          { errors: [{ field: CONFIRM_FILE_FIELD, message: error }], problems: problems.map(problemText) },
          { status: 422, headers: { 'Cache-Control': 'no-store' } },
        )
      : page(ctx, { kind: 'bad-file', error, problems });
  const file = bodyFields(ctx.body)[CONFIRM_FILE_FIELD];
  // Browsers send an empty, unnamed part when no file was chosen.
  if (!(file instanceof File) || (file.name === '' && file.size === 0)) return refuse(t('staffConfirm.error.noFile'));
  const read = await readConfirmStream(file.stream());
  if (!read.ok) return refuse(refusalSummary(read.problems), read.problems);
  const outcome = await applyConfirmFile(
    { db: ctx.services.store.db, keyring: ctx.services.keyring, settings: ctx.services.settings },
    read,
    { actorId: ctx.staff.id, now: ctx.now() },
  );
  if (outcome.kind === 'refused') return refuse(refusalSummary(outcome.problems), outcome.problems);
  return ctx.wantsJson ? jsonOk(outcome) : page(ctx, outcome);
}
