import type { StaffRoute } from '../route-table.ts';
import { deadLettersHandler, retryHandler } from './handlers.tsx';

/**
 * Dead-letter mail. Both queue roles: the emails are the feedback queue's replies and
 * acknowledgements and the opt-out queue's confirmations, and whoever runs either queue needs to
 * know when theirs did not arrive. Each role sees and resends only its own kind
 * (outbox/dead-letters.ts: opt-outs and rights requests IG, other feedback comms). The list shows
 * no recipient addresses.
 */
const access = ['comms', 'ig'] as const;

export const outboxRoutes: StaffRoute[] = [
  {
    method: 'GET',
    path: '/staff/mail',
    access,
    summary: 'Emails the outbox gave up on (dead letters)',
    handler: deadLettersHandler,
  },
  { method: 'GET', path: '/api/staff/mail', access, summary: 'Dead letters as JSON', handler: deadLettersHandler },
  {
    method: 'POST',
    path: '/staff/mail/:id/retry',
    access,
    summary: 'Send a dead email again, with a fresh retry window (audited)',
    handler: retryHandler,
  },
  {
    method: 'POST',
    path: '/api/staff/mail/:id/retry',
    access,
    summary: 'Send a dead email again (JSON)',
    handler: retryHandler,
  },
];
