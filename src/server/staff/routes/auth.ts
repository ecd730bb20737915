import type { StaffRoute } from '../route-table.ts';

export const authRoutes: StaffRoute[] = [];
