import type { StaffRoute } from '../route-table.ts';
import { launchCheckJson, launchCheckPage } from './handlers.tsx';

/**
 * The launch check: comms officers replace the example content; administrators run the site.
 * Files and placeholders only, no personal data.
 */
const LAUNCH_CHECK_ROLES = ['comms', 'admin'] as const;

export const launchCheckRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/launch-check',
    access: LAUNCH_CHECK_ROLES,
    summary:
      'Launch check: everything the comms team must replace before the site goes live, as the last build found it',
    handler: launchCheckPage,
  },
  {
    method: 'GET',
    path: '/api/staff/launch-check',
    access: LAUNCH_CHECK_ROLES,
    summary: 'The launch check as JSON (checkedOn, items); 404 when the site was built without it',
    handler: launchCheckJson,
  },
];
