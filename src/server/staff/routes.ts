import { accountsRoutes } from './accounts/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { consultationRoutes } from './consultations/routes.ts';
import { feedbackRoutes } from './feedback/routes.ts';
import { homeRoutes } from './home/routes.ts';
import { launchCheckRoutes } from './launch-check/routes.ts';
import { optOutsRoutes } from './opt-outs/routes.ts';
import { outboxRoutes } from './outbox/routes.ts';
import { reportsRoutes } from './reports/routes.ts';
import type { StaffRoute } from './route-table.ts';
import { subjectAccessRoutes } from './subject-access/routes.ts';

/** Every staff route, in one table (see route-table.ts). Each area keeps its routes in its own file. */
export const staffRoutes: readonly StaffRoute[] = [
  ...authRoutes,
  ...homeRoutes,
  ...accountsRoutes,
  ...consultationRoutes,
  ...feedbackRoutes,
  ...launchCheckRoutes,
  ...optOutsRoutes,
  ...outboxRoutes,
  ...reportsRoutes,
  ...subjectAccessRoutes,
];
