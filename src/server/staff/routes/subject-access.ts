import type { StaffRoute } from '../route-table.ts';
import { subjectAccessExport, subjectAccessForm } from '../subject-access/handlers.tsx';

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
    summary: 'Subject access: everything held about the person as a JSON download (audited)',
    handler: subjectAccessExport,
  },
  {
    method: 'POST',
    path: '/api/staff/subject-access',
    access: IG,
    summary: 'Subject access as JSON: body {"search": reference or NHS number}; 404 when nothing is found (audited)',
    handler: subjectAccessExport,
  },
];
