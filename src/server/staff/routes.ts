import { consultationRoutes } from '../consultations/routes.ts';
import { launchCheckRoutes } from '../launch-check/routes.ts';
import type { StaffRoute } from '../route-table.ts';
import { accountsRoutes } from './accounts.ts';
import { authRoutes } from './auth.ts';
import { feedbackRoutes } from './feedback.ts';
import { optOutsRoutes } from './opt-outs.ts';
import { outboxRoutes } from './outbox.ts';
import { reportsRoutes } from './reports.ts';
import { subjectAccessRoutes } from './subject-access.ts';

/** Every staff route, in one table (see route-table.ts). Each area keeps its routes in its own file. */
export const staffRoutes: readonly StaffRoute[] = [
  ...authRoutes,
  ...accountsRoutes,
  ...consultationRoutes,
  ...feedbackRoutes,
  ...launchCheckRoutes,
  ...optOutsRoutes,
  ...outboxRoutes,
  ...reportsRoutes,
  ...subjectAccessRoutes,
];
