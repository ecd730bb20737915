import type { ProtectedRoute, StaffRoute } from '../route-table.ts';
import {
  agreeDateHandler,
  assignHandler,
  extendHandler,
  noteHandler,
  replyHandler,
  statusHandler,
  themesHandler,
} from './action-handlers.ts';
import { feedbackItemHandler, feedbackListHandler } from './handlers.tsx';

/**
 * The feedback queue. Comms officers handle feedback; only IG officers handle rights requests, so
 * both roles reach these routes and feedback/access.ts shows each only its own kinds of item.
 * Every page has a JSON twin under /api/staff/, and every action answers a form post (303 back to
 * the item) or JSON.
 */
const access = ['comms', 'ig'] as const;

const actions: [string, string, ProtectedRoute['handler']][] = [
  ['assign', 'Assign a feedback item to me, to someone else, or to nobody', assignHandler],
  ['status', 'Change a feedback item’s status (stamps acknowledged, answered, closed)', statusHandler],
  ['themes', 'Add or remove a theme on a feedback item', themesHandler],
  ['notes', 'Add an internal note (encrypted) to a feedback item', noteHandler],
  ['reply', 'Reply to the person by email through the outbox; the reply is kept on the item', replyHandler],
  [
    'agree-date',
    'Record the response date agreed with a complainant (the answer clock counts down to it)',
    agreeDateHandler,
  ],
  ['extend', 'Extend a rights request by 1 or 2 months, with the reason the person is told', extendHandler],
];

export const feedbackRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/feedback',
    access,
    summary: 'The feedback work list, most urgent first, with filters',
    handler: feedbackListHandler,
  },
  {
    method: 'GET',
    path: '/api/staff/feedback',
    access,
    summary: 'The feedback work list as JSON (same filters)',
    handler: feedbackListHandler,
  },
  {
    method: 'GET',
    path: '/staff/feedback/:reference',
    access,
    summary: 'One feedback item, decrypted (view audited)',
    handler: feedbackItemHandler,
  },
  {
    method: 'GET',
    path: '/api/staff/feedback/:reference',
    access,
    summary: 'One feedback item and its notes as JSON (view audited)',
    handler: feedbackItemHandler,
  },
  ...actions.flatMap(([action, summary, handler]): StaffRoute[] => [
    { method: 'POST', path: `/staff/feedback/:reference/${action}`, access, summary, handler },
    { method: 'POST', path: `/api/staff/feedback/:reference/${action}`, access, summary: `${summary} (JSON)`, handler },
  ]),
];
