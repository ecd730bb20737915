import { eq, sql } from 'drizzle-orm';
import { todayInLondon } from '../../../domain/calendar-date.ts';
import type { ClockDescription } from '../../../domain/clocks.ts';
import { outboxMessages } from '../../db/schema.ts';
import { listFeedbackItems } from '../../feedback/staff.ts';
import type { Services } from '../../services.ts';
import { feedbackTypesFor } from '../feedback/access.ts';
import { mayOpen } from '../navigation.ts';
import { listOptOuts } from '../opt-outs/requests.ts';
import type { SignedInStaff, StaffRoute } from '../route-table.ts';

/** One queue's work against its clocks: what must be done today, and what is already late. */
export interface QueueCounts {
  href: '/staff/feedback' | '/staff/opt-outs';
  dueToday: number;
  overdue: number;
}

export interface WorkSummary {
  /** Only the queues this person may open, each counting only what they would see in it. */
  queues: QueueCounts[];
  /** Emails the outbox gave up on; undefined when this person cannot open the mail page. */
  notDelivered: number | undefined;
}

const count = (clocks: readonly (ClockDescription | null)[], state: ClockDescription['state']) =>
  clocks.filter((clock) => clock?.state === state).length;

/**
 * What needs doing, for the staff home page: per queue, items due today and overdue on the same
 * clocks the queues show (feedback: the most urgent running clock; opt-outs: the promise to apply
 * within N working days of the identity check), and emails not delivered. Counts only: nothing
 * is decrypted.
 */
export async function summariseWork(
  services: Services,
  staff: SignedInStaff,
  routes: readonly StaffRoute[],
  now: Date,
): Promise<WorkSummary> {
  const { db } = services.store;
  const today = todayInLondon(now);
  const queues: QueueCounts[] = [];
  if (mayOpen(routes, '/staff/feedback', staff.roles)) {
    const items = await listFeedbackItems(db, { today, types: feedbackTypesFor(staff), limit: 5000 });
    const clocks = items.map((item) => item.clocks.worst);
    queues.push({ href: '/staff/feedback', dueToday: count(clocks, 'due-today'), overdue: count(clocks, 'overdue') });
  }
  if (mayOpen(routes, '/staff/opt-outs', staff.roles)) {
    const requests = await listOptOuts(db, {
      now,
      applyWorkingDays: services.settings.responseTargets.optOutWorkingDays,
      limit: 5000,
    });
    const clocks = requests.map((request) => request.applyClock);
    queues.push({ href: '/staff/opt-outs', dueToday: count(clocks, 'due-today'), overdue: count(clocks, 'overdue') });
  }
  let notDelivered: number | undefined;
  if (mayOpen(routes, '/staff/mail', staff.roles)) {
    const [row] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(outboxMessages)
      .where(eq(outboxMessages.status, 'dead'));
    notDelivered = row?.count ?? 0;
  }
  return { queues, notDelivered };
}
