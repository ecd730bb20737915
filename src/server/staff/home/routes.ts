import type { StaffRoute } from '../route-table.ts';
import { homePageHandler, staffRedirectHandler } from './handlers.tsx';

/** The staff home page: the sections this person can use. Reached after sign-in. */
export const homeRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff',
    access: 'signed-in',
    summary: 'Sends /staff to the staff home page',
    handler: staffRedirectHandler,
  },
  {
    method: 'GET',
    path: '/staff/',
    access: 'signed-in',
    summary: 'The staff home page: links to the sections your roles allow',
    handler: homePageHandler,
  },
];
