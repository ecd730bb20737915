import type { StaffRoute } from '../route-table.ts';
import { homeRoutes } from './home-routes.tsx';
import { ownAccountRoutes } from './own-account-routes.tsx';
import { setUpRoutes } from './set-up-routes.tsx';
import { signInRoutes } from './sign-in-routes.tsx';

/** Sign-in, set-up, sign-out, the staff home page and your own account. */
export const authRoutes: StaffRoute[] = [...signInRoutes, ...setUpRoutes, ...homeRoutes, ...ownAccountRoutes];
