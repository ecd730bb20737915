import { allowedActions } from '../../../domain/opt-out-transitions.ts';
import { isReference } from '../../../domain/reference.ts';
import type { FieldError } from '../../../forms/validation.ts';
import { type MessageKey, t } from '../../../i18n/t.ts';
import { decryptField } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { listAssignees } from '../feedback/assignees.ts';
import { jsonOk, notFound } from '../respond.ts';
import type { StaffContext } from '../route-table.ts';
import { cursorOf, filterErrors, optOutFilterSchema, queueFilterOf } from './forms.ts';
import {
  decryptPerson,
  findOptOutRow,
  listEvidence,
  listOptOutPage,
  readEvidenceFile,
  readHistory,
  stateOf,
} from './requests.ts';
import { OptOutItem } from './views/OptOutItem.tsx';
import { OptOutList } from './views/OptOutList.tsx';

const DONE: Record<string, MessageKey> = {
  'confirm-contact': 'staffQueues.optOut.done.confirm-contact',
  'check-identity': 'staffQueues.optOut.done.check-identity',
  apply: 'staffQueues.optOut.done.apply',
  reject: 'staffQueues.optOut.done.reject',
  'reject-letter': 'staffQueues.optOut.done.reject-letter',
  'confirm-withdrawal': 'staffQueues.optOut.done.confirm-withdrawal',
  'record-withdrawal-applied': 'staffQueues.optOut.done.record-withdrawal-applied',
};

/** Rows a page of the work list shows. */
const PAGE_SIZE = 50;

/**
 * The work list page: one keyset page of the filter's matches, with the count "select all
 * matching" acts on. `problem`: the bulk form came back with errors (422), as it was filled in.
 */
export async function renderOptOutList(
  ctx: StaffContext,
  query: Record<string, string>,
  problem?: { errors: readonly FieldError[]; values: Record<string, string> },
): Promise<Response> {
  const filter = optOutFilterSchema.parse(query);
  const cursor = cursorOf(query);
  const errors = [...filterErrors(query, filter), ...(problem?.errors ?? [])];
  const applyWorkingDays = ctx.services.settings.responseTargets.optOutWorkingDays;
  const page = await listOptOutPage(ctx.services.store.db, {
    ...queueFilterOf(filter),
    now: ctx.now(),
    applyWorkingDays,
    cursor,
    pageSize: PAGE_SIZE,
  });
  if (ctx.wantsJson)
    return jsonOk({
      requests: page.entries,
      matching: page.matching,
      previous: page.previous ?? null,
      next: page.next ?? null,
    });
  return ctx.page({
    title: `${errors.length > 0 ? `${t('staffQueues.errorTitlePrefix')} ` : ''}${t('staffQueues.optOut.title')}`,
    status: problem ? 422 : 200,
    body: (
      <OptOutList
        entries={page.entries}
        filter={filter}
        applyWorkingDays={applyWorkingDays}
        matching={page.matching}
        previous={page.previous}
        next={page.next}
        cursor={cursor}
        csrfToken={ctx.csrfToken}
        errors={errors}
        values={problem?.values ?? query}
      />
    ),
  });
}

/** GET /staff/opt-outs and /api/staff/opt-outs: the work list. Nothing personal, so not audited. */
export function optOutListHandler(ctx: StaffContext): Promise<Response> {
  return renderOptOutList(ctx, Object.fromEntries(ctx.query));
}

/** The request, decrypted, with its history and evidence. Every call is audited as a view. */
async function loadRequest(ctx: StaffContext, reference: string) {
  const { db } = ctx.services.store;
  const { keyring } = ctx.services;
  const row = await findOptOutRow(db, reference);
  if (!row) return undefined;
  const [history, evidence, staff] = await Promise.all([
    readHistory(db, keyring, row),
    listEvidence(db, keyring, row.id),
    listAssignees(db, keyring, ['ig', 'comms', 'admin']),
  ]);
  await ctx.audit({ action: 'opt-out.view', subjectType: 'opt-out', subjectRef: reference });
  return {
    row,
    person: decryptPerson(keyring, row),
    rejectionReason:
      row.rejectionReasonEncrypted && !row.personalDataDeletedAt
        ? decryptField(
            keyring,
            row.rejectionReasonEncrypted,
            slotOf(optOutRequests.rejectionReasonEncrypted, reference),
          )
        : null,
    history,
    evidence,
    actions: allowedActions(stateOf(row)),
    names: new Map(staff.map((person) => [person.id, person.name])),
  };
}

/** Renders the request page, optionally with a step's errors and what was typed. */
export async function renderOptOut(
  ctx: StaffContext,
  reference: string,
  problem?: { errors: readonly FieldError[]; values: Record<string, string> },
): Promise<Response> {
  const loaded = await loadRequest(ctx, reference);
  if (!loaded) return notFound(ctx);
  const { row, ...rest } = loaded;
  const doneKey = DONE[ctx.query.get('done') ?? ''];
  return ctx.page({
    title: `${problem ? `${t('staffQueues.errorTitlePrefix')} ` : ''}${t('staffQueues.optOut.itemTitle', { reference })}`,
    status: problem ? 422 : 200,
    body: (
      <OptOutItem
        request={{ ...row, ...stateOf(row) }}
        {...rest}
        csrfToken={ctx.csrfToken}
        errors={problem?.errors ?? []}
        values={problem?.values ?? {}}
        done={problem || !doneKey ? undefined : t(doneKey)}
      />
    ),
  });
}

/** GET /staff/opt-outs/:reference and /api/staff/opt-outs/:reference. */
export async function optOutItemHandler(ctx: StaffContext): Promise<Response> {
  const reference = ctx.params['reference'] ?? '';
  if (!isReference(reference)) return notFound(ctx);
  if (!ctx.wantsJson) return renderOptOut(ctx, reference);
  const loaded = await loadRequest(ctx, reference);
  if (!loaded) return notFound(ctx);
  const { row } = loaded;
  return jsonOk({
    request: {
      reference: row.reference,
      route: row.route,
      status: row.status,
      receivedAt: row.receivedAt,
      hasEmail: row.hasEmail,
      withdrawalRequestedAt: row.withdrawalRequestedAt,
      appliedOn: row.appliedOn,
      withdrawalAppliedOn: row.withdrawalAppliedOn,
    },
    person: loaded.person,
    rejectionReason: loaded.rejectionReason,
    history: loaded.history,
    evidence: loaded.evidence.map(({ id, contentType, byteSize }) => ({ id, contentType, byteSize })),
    actions: loaded.actions,
  });
}

/**
 * GET /staff/opt-outs/:reference/evidence/:id: the decrypted file, as a download (never shown
 * inline, so a crafted file cannot run in the back office's origin), never cached, each view audited.
 */
export async function evidenceHandler(ctx: StaffContext): Promise<Response> {
  const reference = ctx.params['reference'] ?? '';
  const id = Number(ctx.params['id']);
  if (!isReference(reference) || !Number.isSafeInteger(id) || id <= 0) return notFound(ctx);
  const { db } = ctx.services.store;
  const row = await findOptOutRow(db, reference);
  const file =
    row && !row.personalDataDeletedAt ? await readEvidenceFile(db, ctx.services.keyring, row.id, id) : undefined;
  if (!file) return notFound(ctx);
  await ctx.audit({
    action: 'opt-out.evidence.view',
    subjectType: 'opt-out',
    subjectRef: reference,
    detail: { evidenceId: id },
  });
  const extension = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[file.contentType] ?? 'bin';
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'Content-Type': file.contentType,
      // A name made of the reference, not the uploaded one: no personal data lands in Downloads, and no header injection.
      'Content-Disposition': `attachment; filename="evidence-${reference}-${id}.${extension}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': String(file.bytes.byteLength),
    },
  });
}
