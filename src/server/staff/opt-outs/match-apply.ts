import { eq, inArray, sql } from 'drizzle-orm';
import type { OptOutStatus } from '../../../domain/opt-out.ts';
import { t } from '../../../i18n/t.ts';
import type { Transaction } from '../../db/client.ts';
import { optOutMatchRows, optOutMatchUploads } from '../../db/match-schema.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { recordAudit } from '../audit.ts';
import { optOutStatusLabel } from '../views/labels.ts';
import { jsonOf } from './json-rows.ts';
import { type ByteSource, type FileProblem, type MatchRow, readMatchStream } from './match-file.ts';
import { chunksOf, lockForStep, type StepRow, takeStepsWithin } from './step-batch.ts';
import type { StepDeps } from './transitions.ts';

/**
 * Acts on a match file that read cleanly (match-file.ts), in ONE transaction: the upload is
 * recorded first (its SHA-256 is unique, so the same file twice, even at the same moment, acts
 * once), every request named is locked, and only if every reference exists and is at the right
 * point does anything move. Clear matches take the ordinary "check identity" step, batched
 * (step-batch.ts: each row checked, its event, its audit entry), so a bulk check is the same
 * audited step as a single one; a refusal anywhere rolls all of it back. A half-applied file cannot exist.
 */

export type MatchOutcome =
  | { kind: 'applied'; uploadId: number; checked: number; exceptions: number; skipped: number }
  | { kind: 'already-uploaded'; uploadedAt: Date }
  | { kind: 'refused'; problems: FileProblem[] };

/** Thrown inside an upload's transaction (match or confirmation file) to roll it back, carrying the report. */
export class FileRefusedError extends Error {
  override name = 'FileRefusedError';
  readonly problems: FileProblem[];
  constructor(problems: FileProblem[]) {
    super(`The file was refused with ${problems.length} problems`);
    this.problems = problems;
  }
}

/** Requests the platform was asked about: contact confirmed; identity checked ones are left alone. */
const MATCHABLE: readonly OptOutStatus[] = ['contact-confirmed', 'identity-checked'];

/** Locks every request a file names (match or confirmation file), a chunk of references per statement. */
export async function lockRequests(
  tx: Transaction,
  rows: readonly { reference: string }[],
): Promise<Map<string, StepRow>> {
  const found = new Map<string, StepRow>();
  for (const part of chunksOf(rows)) {
    const locked = await lockForStep(
      tx,
      inArray(
        optOutRequests.reference,
        part.map((row) => row.reference),
      ),
    );
    for (const row of locked) found.set(row.reference, row);
  }
  return found;
}

/** The whole upload for a caller holding a stream (the handler, bench/surge.ts): read, then act. */
export async function uploadMatchFile(
  deps: StepDeps,
  source: ByteSource,
  by: { actorId: number; now: Date },
): Promise<MatchOutcome> {
  const read = await readMatchStream(source);
  if (!read.ok) return { kind: 'refused', problems: read.problems };
  return applyMatchFile(deps, read, by);
}

export async function applyMatchFile(
  deps: StepDeps,
  file: { sha256: string; rows: readonly MatchRow[] },
  by: { actorId: number; now: Date },
): Promise<MatchOutcome> {
  const { now, actorId } = by;
  try {
    return await deps.db.transaction(async (tx): Promise<MatchOutcome> => {
      const counts = { checked: 0, exceptions: 0, skipped: 0 };
      const [upload] = await tx
        .insert(optOutMatchUploads)
        .values({ sha256: file.sha256, uploadedAt: now, uploadedBy: actorId, rowCount: file.rows.length, ...counts })
        .onConflictDoNothing()
        .returning({ id: optOutMatchUploads.id });
      if (!upload) {
        const [earlier] = await tx
          .select({ uploadedAt: optOutMatchUploads.uploadedAt })
          .from(optOutMatchUploads)
          .where(eq(optOutMatchUploads.sha256, file.sha256));
        return { kind: 'already-uploaded', uploadedAt: earlier?.uploadedAt ?? now };
      }

      const requests = await lockRequests(tx, file.rows);
      const problems: FileProblem[] = [];
      for (const row of file.rows) {
        const request = requests.get(row.reference);
        const problem = (message: string) => problems.push({ line: row.line, message });
        if (!request) problem(t('staffMatch.problem.unknown', { reference: row.reference }));
        else if (!MATCHABLE.includes(request.status))
          problem(
            t('staffMatch.problem.state', {
              reference: row.reference,
              status: optOutStatusLabel(request.status).toLowerCase(),
            }),
          );
      }
      if (problems.length > 0) throw new FileRefusedError(problems);

      const note = t('staffMatch.note', { upload: upload.id });
      const results: (typeof optOutMatchRows.$inferInsert)[] = [];
      const clear: StepRow[] = [];
      for (const row of file.rows) {
        const request = requests.get(row.reference);
        if (!request) continue;
        const outcome =
          request.status === 'identity-checked' ? 'skipped' : row.mismatches.length > 0 ? 'exception' : 'checked';
        if (outcome === 'checked') clear.push(request);
        counts[outcome === 'exception' ? 'exceptions' : outcome] += 1;
        results.push({
          uploadId: upload.id,
          requestId: request.id,
          outcome,
          mismatches: row.mismatches,
          practiceCode: row.practiceCode,
        });
      }
      // The practice the platform found is kept on the request, so the GP export can be cut by
      // practice: in the step's own UPDATE for clear matches, by itself for the rest.
      const practiceCodes = new Map<number, string>();
      for (const row of results) if (row.practiceCode) practiceCodes.set(row.requestId, row.practiceCode);
      // The same step as one request's page, set-based: every row checked against its rules.
      const step = await takeStepsWithin(tx, deps, clear, {
        action: 'check-identity',
        actorId,
        now,
        note,
        practiceCodes,
      });
      if (step.refused.length > 0) throw new Error('A clear match could not take the identity step');
      // One JSON parameter a chunk, not five a row (2.5 s for 10,000 rows as a VALUES list).
      for (const part of chunksOf(results))
        await tx.execute(sql`insert into ${optOutMatchRows} (upload_id, request_id, outcome, mismatches, practice_code)
          select ${upload.id}, x.request, x.outcome, x.mismatches, x.practice
          from json_to_recordset(${jsonOf(part.map((row) => ({ request: row.requestId, outcome: row.outcome, mismatches: row.mismatches, practice: row.practiceCode })))})
            as x(request bigint, outcome text, mismatches text[], practice text)`);
      const stepped = new Set(step.changed.map((row) => row.id));
      for (const part of chunksOf(results.filter((row) => row.practiceCode && !stepped.has(row.requestId))))
        await tx.execute(sql`update ${optOutRequests} set practice_code = x.practice
          from json_to_recordset(${jsonOf(part.map((row) => ({ id: row.requestId, practice: row.practiceCode })))})
            as x(id bigint, practice text)
          where ${optOutRequests.id} = x.id`);
      await tx.update(optOutMatchUploads).set(counts).where(eq(optOutMatchUploads.id, upload.id));
      await recordAudit(
        tx,
        {
          actorId,
          action: 'opt-out.match-upload',
          subjectType: 'match-file',
          subjectRef: String(upload.id),
          detail: { rows: file.rows.length, ...counts },
        },
        now,
      );
      return { kind: 'applied', uploadId: upload.id, ...counts };
    });
  } catch (error) {
    if (error instanceof FileRefusedError) return { kind: 'refused', problems: error.problems };
    throw error;
  }
}
