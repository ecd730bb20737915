import { accountRoutes } from '../auth/account-routes.tsx';
import type { StaffRoute } from '../route-table.ts';

/** Staff accounts and the audit log: administrators only. */
export const accountsRoutes: StaffRoute[] = [...accountRoutes];
