import type { StaffRoute } from '../route-table.ts';
import { reportsJson, reportsPage } from './handlers.tsx';

/** Comms run the reports; IG and admins see them too (opt-out figures, oversight). No personal data. */
const REPORT_ROLES = ['comms', 'ig', 'admin'] as const;

export const reportsRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/reports',
    access: REPORT_ROLES,
    summary:
      'Reports: opt-outs per week, feedback by type and theme, response times and overdue items (charts and tables)',
    handler: reportsPage,
  },
  {
    method: 'GET',
    path: '/api/staff/reports',
    access: REPORT_ROLES,
    summary: 'The report figures as JSON (same date range query as /staff/reports)',
    handler: reportsJson,
  },
];
