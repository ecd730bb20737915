import type { StaffRoute } from '../route-table.ts';

export const reportsRoutes: StaffRoute[] = [];
