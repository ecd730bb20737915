import { eq, inArray } from 'drizzle-orm';
import type { OptOutStatus } from '../../../domain/opt-out.ts';
import { t } from '../../../i18n/t.ts';
import type { Transaction } from '../../db/client.ts';
import { optOutMatchRows, optOutMatchUploads } from '../../db/match-schema.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { recordAudit } from '../audit.ts';
import { optOutStatusLabel } from '../ui/queues/labels.ts';
import type { FileProblem, MatchRow } from './match-file.ts';
import { type StepDeps, takeOptOutStepWithin } from './transitions.ts';

/**
 * Acts on a match file that read cleanly (match-file.ts), in ONE transaction: the upload is
 * recorded first (its SHA-256 is unique, so the same file twice, even at the same moment, acts
 * once), every request named is locked, and only if every reference exists and is at the right
 * point does anything move. Clear matches take the ordinary "check identity" step
 * (transitions.ts: the event, the audit entry), so a bulk check is the same audited step as a
 * single one; a refusal anywhere rolls all of it back. A half-applied file cannot exist.
 */

export type MatchOutcome =
  | { kind: 'applied'; uploadId: number; checked: number; exceptions: number; skipped: number }
  | { kind: 'already-uploaded'; uploadedAt: Date }
  | { kind: 'refused'; problems: FileProblem[] };

/** Thrown inside the transaction to roll it back, carrying the report. */
class MatchRefusedError extends Error {
  override name = 'MatchRefusedError';
  readonly problems: FileProblem[];
  constructor(problems: FileProblem[]) {
    super(`The match file was refused with ${problems.length} problems`);
    this.problems = problems;
  }
}

/** Requests the platform was asked about: contact confirmed; identity checked ones are left alone. */
const MATCHABLE: readonly OptOutStatus[] = ['contact-confirmed', 'identity-checked'];
/** Rows per query, well under PostgreSQL's limit of 65,535 parameters. */
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += CHUNK) out.push(items.slice(start, start + CHUNK));
  return out;
}

async function lockRequests(tx: Transaction, rows: readonly MatchRow[]) {
  const found = new Map<string, { id: number; status: OptOutStatus }>();
  for (const part of chunks(rows)) {
    const locked = await tx
      .select({ id: optOutRequests.id, reference: optOutRequests.reference, status: optOutRequests.status })
      .from(optOutRequests)
      .where(
        inArray(
          optOutRequests.reference,
          part.map((row) => row.reference),
        ),
      )
      .for('update');
    for (const row of locked) found.set(row.reference, row);
  }
  return found;
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
      if (problems.length > 0) throw new MatchRefusedError(problems);

      const note = t('staffMatch.note', { upload: upload.id });
      const results: (typeof optOutMatchRows.$inferInsert)[] = [];
      for (const row of file.rows) {
        const request = requests.get(row.reference);
        if (!request) continue;
        const outcome =
          request.status === 'identity-checked' ? 'skipped' : row.mismatches.length > 0 ? 'exception' : 'checked';
        if (outcome === 'checked')
          await takeOptOutStepWithin(tx, deps, {
            reference: row.reference,
            action: 'check-identity',
            actorId,
            now,
            note,
          });
        counts[outcome === 'exception' ? 'exceptions' : outcome] += 1;
        results.push({
          uploadId: upload.id,
          requestId: request.id,
          outcome,
          mismatches: row.mismatches,
          practiceCode: row.practiceCode,
        });
      }
      for (const part of chunks(results)) await tx.insert(optOutMatchRows).values(part);
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
    if (error instanceof MatchRefusedError) return { kind: 'refused', problems: error.problems };
    throw error;
  }
}
