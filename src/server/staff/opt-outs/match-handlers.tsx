import { eq } from 'drizzle-orm';
import { t } from '../../../i18n/t.ts';
import { optOutMatchUploads } from '../../db/match-schema.ts';
import { bodyFields, jsonOk, seeOther } from '../respond.ts';
import type { StaffContext } from '../route-table.ts';
import { dateTime } from '../views/format.ts';
import { applyMatchFile } from './match-apply.ts';
import { listMatchExceptions, recentUploads } from './match-exceptions.ts';
import { type FileProblem, readMatchStream } from './match-file.ts';
import { FILE_FIELD, MatchExceptions, MatchUpload, problemText, refusalSummary } from './views/MatchUpload.tsx';

/**
 * The record platform's match file (issue 19): upload, then the exceptions list. In order:
 * read the file (encoding, headings, every row) → act on it in one transaction (match-apply.ts)
 * → answer with a redirect to the page with what happened, or the page again with the report.
 */

async function uploadPage(
  ctx: StaffContext,
  refusal: { error: string; problems?: readonly FileProblem[] } | undefined,
): Promise<Response> {
  const db = ctx.services.store.db;
  const done = Number(ctx.query.get('done'));
  const [uploads, exceptions, [upload]] = await Promise.all([
    recentUploads(db),
    listMatchExceptions(db),
    refusal || !Number.isSafeInteger(done) || done <= 0
      ? []
      : db.select().from(optOutMatchUploads).where(eq(optOutMatchUploads.id, done)),
  ]);
  const title = t('staffMatch.title');
  return ctx.page({
    title: refusal ? `${t('staffQueues.errorTitlePrefix')} ${title}` : title,
    status: refusal ? 422 : 200,
    body: (
      <MatchUpload
        csrfToken={ctx.csrfToken}
        error={refusal?.error}
        problems={refusal?.problems ?? []}
        done={
          upload
            ? t('staffMatch.done', {
                upload: upload.id,
                checked: upload.checked,
                exceptions: upload.exceptions,
                skipped: upload.skipped,
              })
            : undefined
        }
        exceptions={exceptions.total}
        uploads={uploads}
      />
    ),
  });
}

/** GET /staff/opt-outs/match: the upload form, the last files, and how many exceptions wait. */
export function matchFormHandler(ctx: StaffContext): Promise<Response> {
  return uploadPage(ctx, undefined);
}

/** The uploaded file, or undefined when no file was chosen (browsers send an empty, unnamed part). */
function uploadedFile(body: unknown): File | undefined {
  const file = bodyFields(body)[FILE_FIELD];
  if (!(file instanceof File) || (file.name === '' && file.size === 0)) return undefined;
  return file;
}

/** POST /staff/opt-outs/match (and the /api/ twin): read the file, act on it whole, or change nothing. */
export async function matchUploadHandler(ctx: StaffContext): Promise<Response> {
  const refuse = (error: string, problems: readonly FileProblem[] = []) =>
    ctx.wantsJson
      ? Response.json(
          { errors: [{ field: FILE_FIELD, message: error }], problems: problems.map(problemText) },
          { status: 422, headers: { 'Cache-Control': 'no-store' } },
        )
      : uploadPage(ctx, { error, problems });
  const file = uploadedFile(ctx.body);
  if (!file) return refuse(t('staffMatch.error.noFile'));
  const read = await readMatchStream(file.stream());
  if (!read.ok) return refuse(refusalSummary(read.problems), read.problems);

  const outcome = await applyMatchFile(
    { db: ctx.services.store.db, keyring: ctx.services.keyring, settings: ctx.services.settings },
    read,
    { actorId: ctx.staff.id, now: ctx.now() },
  );
  if (outcome.kind === 'refused') return refuse(refusalSummary(outcome.problems), outcome.problems);
  if (outcome.kind === 'already-uploaded')
    return refuse(t('staffMatch.error.again', { date: dateTime(outcome.uploadedAt) }));
  const { kind: _, ...counts } = outcome;
  return ctx.wantsJson ? jsonOk(counts) : seeOther(`/staff/opt-outs/match?done=${outcome.uploadId}`);
}

/** GET /staff/opt-outs/match/exceptions (and the JSON twin): what the platform could not match. */
export async function matchExceptionsHandler(ctx: StaffContext): Promise<Response> {
  const list = await listMatchExceptions(ctx.services.store.db);
  if (ctx.wantsJson) return jsonOk(list);
  return ctx.page({ title: t('staffMatch.exceptions.title'), body: <MatchExceptions {...list} /> });
}
