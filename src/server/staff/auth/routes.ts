import { homeRoutes } from '../auth/home-routes.tsx';
import { ownAccountRoutes } from '../auth/own-account-routes.tsx';
import { setUpRoutes } from '../auth/set-up-routes.tsx';
import { signInRoutes } from '../auth/sign-in-routes.tsx';
import type { StaffRoute } from '../route-table.ts';

/** Sign-in, set-up, sign-out, the staff home page and your own account. */
export const authRoutes: StaffRoute[] = [...signInRoutes, ...setUpRoutes, ...homeRoutes, ...ownAccountRoutes];
