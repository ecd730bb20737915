import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { type CalendarDate, todayInLondon } from '../../../domain/calendar-date.ts';
import type { NhsNumber } from '../../../domain/nhs-number.ts';
import { OPT_OUT_ROUTES, OPT_OUT_STATUSES, type OptOutRoute, type OptOutStatus } from '../../../domain/opt-out.ts';
import type { Keyring } from '../../crypto/field-crypto.ts';
import type { Database } from '../../db/client.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { subjectAccessDecisions } from '../../db/subject-access-schema.ts';
import { nhsNumberLookup } from '../../opt-out/lookups.ts';
import { recordAudit } from '../audit.ts';

/**
 * Opt-outs linked to a searched one only by carrying the same NHS-number lookup value. Anyone can
 * file an opt-out with someone else's NHS number, so a link proves nothing about who made a
 * request: a linked request is listed by reference, kind, date and status only, never with its
 * personal data, and goes into the subject-access file only after an IG officer has opened it
 * and decided to include it.
 */
export const DECISIONS = ['include', 'exclude'] as const;
export type Decision = (typeof DECISIONS)[number];

/** What the officer sees of a request before opening it (and what the file lists): no personal data. */
export interface RequestSummary {
  reference: string;
  kind: 'opt-out';
  route: OptOutRoute;
  /** The day it was received in England, YYYY-MM-DD: at 00:30 in summer time UTC still says the day before. */
  receivedOn: CalendarDate;
  status: OptOutStatus;
}

/** A linked request, with the officer's decision on it (null until one is taken). */
export interface LinkedRequest extends RequestSummary {
  decision: Decision | null;
}

type Row = typeof optOutRequests.$inferSelect;

const decisionSchema = z.enum(DECISIONS);

/** The summary of a request without any of its personal data. */
export function summarise(row: Row): RequestSummary {
  return {
    reference: row.reference,
    kind: 'opt-out',
    route: z.enum(OPT_OUT_ROUTES).parse(row.route),
    receivedOn: todayInLondon(row.receivedAt),
    status: z.enum(OPT_OUT_STATUSES).parse(row.status),
  };
}

/**
 * Every opt-out carrying an NHS number, summarised: an NHS-number search exports nothing, it
 * lets the officer choose the request the person made, which then becomes the searched request.
 */
export async function findByNhsNumber(db: Database, keyring: Keyring, nhsNumber: NhsNumber): Promise<RequestSummary[]> {
  const rows = await db
    .select()
    .from(optOutRequests)
    .where(eq(optOutRequests.nhsNumberHmac, nhsNumberLookup(keyring, nhsNumber)))
    .orderBy(asc(optOutRequests.receivedAt), asc(optOutRequests.id));
  return rows.map((row) => summarise(row));
}

/** The other requests with the searched request's NHS-number lookup value, with any decision on each. */
export async function findLinked(db: Database, searched: Row): Promise<{ row: Row; summary: LinkedRequest }[]> {
  if (searched.nhsNumberHmac === null) return [];
  const rows = await db
    .select({ request: optOutRequests, decision: subjectAccessDecisions.decision })
    .from(optOutRequests)
    .leftJoin(
      subjectAccessDecisions,
      and(
        eq(subjectAccessDecisions.linkedRequestId, optOutRequests.id),
        eq(subjectAccessDecisions.searchedRequestId, searched.id),
      ),
    )
    .where(and(eq(optOutRequests.nhsNumberHmac, searched.nhsNumberHmac), ne(optOutRequests.id, searched.id)))
    .orderBy(asc(optOutRequests.receivedAt), asc(optOutRequests.id));
  return rows.map(({ request, decision }) => {
    const parsed = decisionSchema.safeParse(decision);
    return { row: request, summary: { ...summarise(request), decision: parsed.success ? parsed.data : null } };
  });
}

/** Thrown when the request decided on is not linked to the searched one. */
export class NotLinkedError extends Error {
  override name = 'NotLinkedError';
  readonly searched: string;
  readonly linked: string;
  constructor(searched: string, linked: string) {
    super(`Request ${linked} is not linked to request ${searched}`);
    this.searched = searched;
    this.linked = linked;
  }
}

/**
 * Records (or replaces) an officer's decision on one linked request, and its audit entry, in one
 * transaction: a decision nobody can account for is never recorded, nor an audit entry for a
 * decision that was not. The audit holds the two references and the decision only.
 */
export async function recordDecision(
  db: Database,
  input: { searched: Row; linkedReference: string; decision: Decision; actorId: number; now: Date },
): Promise<void> {
  const { searched, decision, actorId, now } = input;
  await db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ id: optOutRequests.id, hmac: optOutRequests.nhsNumberHmac })
      .from(optOutRequests)
      .where(eq(optOutRequests.reference, input.linkedReference));
    if (!linked || linked.id === searched.id || linked.hmac === null || linked.hmac !== searched.nhsNumberHmac) {
      throw new NotLinkedError(searched.reference, input.linkedReference);
    }
    await tx
      .insert(subjectAccessDecisions)
      .values({
        searchedRequestId: searched.id,
        linkedRequestId: linked.id,
        decision,
        decidedBy: actorId,
        decidedAt: now,
      })
      .onConflictDoUpdate({
        target: [subjectAccessDecisions.searchedRequestId, subjectAccessDecisions.linkedRequestId],
        set: { decision, decidedBy: actorId, decidedAt: now },
      });
    await recordAudit(
      tx,
      {
        actorId,
        action: 'subject-access.decision',
        subjectType: 'subject-access',
        subjectRef: searched.reference,
        detail: { linked: input.linkedReference, decision },
      },
      now,
    );
  });
}
