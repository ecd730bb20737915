import type { StaffRoute } from '../route-table.ts';
import { accountRoutes } from './handlers.tsx';

/** Staff accounts and the audit log: administrators only. */
export const accountsRoutes: StaffRoute[] = [...accountRoutes];
