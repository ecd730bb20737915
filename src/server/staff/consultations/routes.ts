import type { StaffRoute } from '../route-table.ts';
import { decisionHandler, exportHandler, moderationQueuePage } from './handlers.tsx';

/**
 * Consultations (issue 18 part 2): comms and IG moderate written answers and export answers as
 * CSV. Who may see the written answers in an export is decided in the handler by role (IG only),
 * because both roles may export the counts.
 */
const access = ['comms', 'ig'] as const;

export const consultationRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/consultations',
    access,
    summary: 'Consultations: written answers waiting for moderation (audited), and the exports',
    handler: moderationQueuePage,
  },
  {
    method: 'POST',
    path: '/staff/consultations/answers/:id/approve',
    access,
    summary: 'Approve a written answer for the results page (audited in the same transaction)',
    handler: decisionHandler('approved'),
  },
  {
    method: 'POST',
    path: '/staff/consultations/answers/:id/reject',
    access,
    summary: 'Reject a written answer: it is never published (audited in the same transaction)',
    handler: decisionHandler('rejected'),
  },
  {
    method: 'GET',
    path: '/staff/consultations/:slug/answers.csv',
    access,
    summary: 'A consultation’s answers as CSV; written answers and names only for the IG role (audited)',
    handler: exportHandler,
  },
];
