import type { StaffRoute } from '../route-table.ts';
import {
  decideOnLinkedRequest,
  linkedRequestsPage,
  subjectAccessExport,
  subjectAccessForm,
  subjectAccessSearch,
} from './handlers.tsx';

/** Subject-access requests are information governance's work (UK GDPR Art. 15). */
const IG = ['ig'] as const;

export const subjectAccessRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/subject-access',
    access: IG,
    summary: 'Subject access: search by reference or NHS number',
    handler: subjectAccessForm,
  },
  {
    method: 'POST',
    path: '/staff/subject-access',
    access: IG,
    summary:
      'Subject access: a reference downloads what that request holds (or, with linked requests, goes to them first); an NHS number lists the requests to choose from (audited)',
    handler: subjectAccessSearch,
  },
  {
    method: 'POST',
    path: '/api/staff/subject-access',
    access: IG,
    summary:
      'Subject access as JSON: body {"search": reference or NHS number}; a reference gives the file, or 409 while linked requests wait for a decision; an NHS number gives {matches}; 404 when nothing is found (audited)',
    handler: subjectAccessSearch,
  },
  {
    method: 'GET',
    path: '/staff/subject-access/:reference',
    access: IG,
    summary: 'Subject access: the requests linked to one by NHS number, by reference, kind, date and status only',
    handler: (ctx) => linkedRequestsPage(ctx),
  },
  {
    method: 'GET',
    path: '/api/staff/subject-access/:reference',
    access: IG,
    summary: 'Subject access as JSON: {linkedRequests} with the decision on each',
    handler: (ctx) => linkedRequestsPage(ctx),
  },
  {
    method: 'POST',
    path: '/staff/subject-access/:reference/decisions',
    access: IG,
    summary: 'Subject access: include or exclude one linked request (recorded and audited together)',
    handler: decideOnLinkedRequest,
  },
  {
    method: 'POST',
    path: '/api/staff/subject-access/:reference/decisions',
    access: IG,
    summary: 'Subject access as JSON: body {"linked": reference, "decision": "include" or "exclude"} (audited)',
    handler: decideOnLinkedRequest,
  },
  {
    method: 'POST',
    path: '/staff/subject-access/:reference/export',
    access: IG,
    summary: 'Subject access: the JSON download, once every linked request has a decision (audited)',
    handler: subjectAccessExport,
  },
  {
    method: 'POST',
    path: '/api/staff/subject-access/:reference/export',
    access: IG,
    summary: 'Subject access as JSON: the file, or 409 naming the linked requests still undecided (audited)',
    handler: subjectAccessExport,
  },
];
