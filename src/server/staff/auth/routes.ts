import { homeRoutes } from '../home/handlers.tsx';
import type { StaffRoute } from '../route-table.ts';
import { ownAccountRoutes } from './own-account-handlers.tsx';
import { setUpRoutes } from './set-up-handlers.tsx';
import { signInRoutes } from './sign-in-handlers.tsx';

/** Sign-in, set-up, sign-out, the staff home page and your own account. */
export const authRoutes: StaffRoute[] = [...signInRoutes, ...setUpRoutes, ...homeRoutes, ...ownAccountRoutes];
