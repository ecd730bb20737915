import { OPT_OUT_ACTIONS, type OptOutAction } from '../../../domain/opt-out-transitions.ts';
import type { StaffRoute } from '../route-table.ts';
import { optOutBulkHandler } from './bulk-handlers.tsx';
import { confirmFormHandler, confirmUploadHandler } from './confirm-handlers.tsx';
import { exportAgainHandler, exportCsvHandler, exportFormHandler } from './export-handlers.tsx';
import { evidenceHandler, optOutItemHandler, optOutListHandler } from './handlers.tsx';
import { matchExceptionsHandler, matchFormHandler, matchUploadHandler } from './match-handlers.tsx';
import { optOutStepHandler } from './step-handlers.ts';

/** The opt-out queue and the GP export: information-governance officers only. */
const access = ['ig'] as const;

const STEP_SUMMARIES: Record<OptOutAction, string> = {
  'confirm-contact': 'Record that the contact details were confirmed by phone (received → contact confirmed)',
  'check-identity': 'Record the identity check, with a note of how (→ identity checked)',
  apply: 'Record the date the objection was applied in the clinical systems (→ applied)',
  reject: 'Reject the request with a reason; the person is emailed, or the queue says to write to them',
  'confirm-withdrawal': 'Record that the person confirmed their withdrawal by phone (→ withdrawn)',
  'record-withdrawal-applied': 'Record the date the objection was removed from the clinical systems',
};

export const optOutsRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/opt-outs',
    access,
    summary: 'The opt-out work list, with filters',
    handler: optOutListHandler,
  },
  {
    method: 'GET',
    path: '/api/staff/opt-outs',
    access,
    summary: 'The opt-out work list as JSON (same filters)',
    handler: optOutListHandler,
  },
  {
    method: 'POST',
    path: '/staff/opt-outs/bulk',
    access,
    summary:
      'One step on the ticked or all matching requests: a confirmation page with the count, then each checked and audited',
    handler: optOutBulkHandler,
  },
  {
    method: 'POST',
    path: '/api/staff/opt-outs/bulk',
    access,
    summary: 'The bulk step as JSON: without confirmedCount the count, with it the changed and refused references',
    handler: optOutBulkHandler,
  },
  // Before '/staff/opt-outs/:reference', though "export" is not a well-formed reference anyway.
  {
    method: 'GET',
    path: '/staff/opt-outs/export',
    access,
    summary: 'The GP-systems export: changes waiting to be sent, and past batches',
    handler: exportFormHandler,
  },
  {
    method: 'POST',
    path: '/staff/opt-outs/export',
    access,
    summary: 'Download the next batch: every applied objection and withdrawal not yet sent, as CSV (audited)',
    handler: exportCsvHandler,
  },
  {
    method: 'POST',
    path: '/staff/opt-outs/export/:batch',
    access,
    summary: 'Download a past batch again, with the same rows (audited)',
    handler: exportAgainHandler,
  },
  {
    method: 'POST',
    path: '/api/staff/opt-outs/export',
    access,
    summary: 'The next batch as CSV, or 422 when nothing is waiting (audited)',
    handler: exportCsvHandler,
  },
  ...matchRoutes(),
  ...confirmationRoutes(),
  {
    method: 'GET',
    path: '/staff/opt-outs/:reference',
    access,
    summary: 'One opt-out request, decrypted, with its history (view audited)',
    handler: optOutItemHandler,
  },
  {
    method: 'GET',
    path: '/api/staff/opt-outs/:reference',
    access,
    summary: 'One opt-out request as JSON (view audited)',
    handler: optOutItemHandler,
  },
  {
    method: 'GET',
    path: '/staff/opt-outs/:reference/evidence/:id',
    access,
    summary: 'A proxy evidence file, decrypted, as a download (audited)',
    handler: evidenceHandler,
  },
  ...OPT_OUT_ACTIONS.flatMap((action): StaffRoute[] => [
    {
      method: 'POST',
      path: `/staff/opt-outs/:reference/${action}`,
      access,
      summary: STEP_SUMMARIES[action],
      handler: optOutStepHandler(action),
    },
    {
      method: 'POST',
      path: `/api/staff/opt-outs/:reference/${action}`,
      access,
      summary: `${STEP_SUMMARIES[action]} (JSON)`,
      handler: optOutStepHandler(action),
    },
  ]),
];

/** The record platform's match file (issue 19): upload, and the exceptions it leaves to check by hand. */
function matchRoutes(): StaffRoute[] {
  const upload =
    "Upload the record platform's match file: clear matches to identity checked, the rest to exceptions; all or nothing (audited)";
  return [
    {
      method: 'GET',
      path: '/staff/opt-outs/match',
      access,
      summary: 'The match-file upload form and past files',
      handler: matchFormHandler,
    },
    { method: 'POST', path: '/staff/opt-outs/match', access, summary: upload, handler: matchUploadHandler },
    {
      method: 'POST',
      path: '/api/staff/opt-outs/match',
      access,
      summary: `${upload} (JSON)`,
      handler: matchUploadHandler,
    },
    {
      method: 'GET',
      path: '/staff/opt-outs/match/exceptions',
      access,
      summary: 'Requests the record platform could not match on all four, with the reason',
      handler: matchExceptionsHandler,
    },
    {
      method: 'GET',
      path: '/api/staff/opt-outs/match/exceptions',
      access,
      summary: 'The match exceptions as JSON',
      handler: matchExceptionsHandler,
    },
  ];
}

/** The record platform's confirmation file (issue 19): the requests it applied move to applied in one step. */
function confirmationRoutes(): StaffRoute[] {
  const upload =
    "Upload the record platform's confirmation file: each request it applied to applied, its email queued; all or nothing (audited)";
  return [
    {
      method: 'GET',
      path: '/staff/opt-outs/confirmation',
      access,
      summary: 'The confirmation-file upload form',
      handler: confirmFormHandler,
    },
    { method: 'POST', path: '/staff/opt-outs/confirmation', access, summary: upload, handler: confirmUploadHandler },
    {
      method: 'POST',
      path: '/api/staff/opt-outs/confirmation',
      access,
      summary: `${upload} (JSON)`,
      handler: confirmUploadHandler,
    },
  ];
}
