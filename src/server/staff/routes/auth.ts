import { homeRoutes } from '../auth/home-routes.tsx';
import type { StaffRoute } from '../route-table.ts';

export const authRoutes: StaffRoute[] = [...homeRoutes];
