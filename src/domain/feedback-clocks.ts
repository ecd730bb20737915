import type { CalendarDate } from './calendar-date.ts';
import {
  type ClockDescription,
  complaintAcknowledgementDue,
  describeClock,
  type RightsRequestExtension,
  rightsRequestDue,
} from './clocks.ts';
import { type FeedbackStatus, type FeedbackType, isAcknowledged, isAnswered } from './feedback.ts';
import { addWorkingDays } from './working-days.ts';

/** The promises from content/settings/site.yaml that set the clocks. */
export interface FeedbackTargets {
  /** Working days to acknowledge a complaint (the 2009 regulations: 3). */
  readonly complaintAcknowledgeWorkingDays: number;
  /** Working days to answer a question or concern (a local promise, not law). */
  readonly questionWorkingDays: number;
}

/** The dates an item must be acted on by; null where no clock applies. */
export interface FeedbackDueDates {
  /** Complaints only: acknowledge within N working days after the day of receipt. */
  readonly acknowledgeBy: CalendarDate | null;
  /** Rights requests (law), questions and concerns (our promise), and replies asked for. */
  readonly respondBy: CalendarDate | null;
}

/**
 * Which clocks run for an item:
 * - a complaint is acknowledged within 3 working days (regulation 13 of SI 2009/309); the law sets
 *   no deadline for the answer itself, so we do not invent one: the response period is agreed
 *   with the complainant when it is acknowledged (regulation 13(7)), and staff record that date;
 * - a rights request is answered within one calendar month, the day of receipt being day one, or
 *   up to two months later with a recorded reason (UK GDPR Art. 12(3));
 * - concerns are answered within our published number of working days, even when anonymous,
 *   because a concern may need action even if nobody is waiting for a reply; a question has that
 *   clock only when the person asked for a reply (nobody is waiting otherwise);
 * - compliments and suggestions have a clock only when the person asked for a reply;
 * - an offer to join the lay partners is answered within our published number of working days:
 *   it always has a reply address (needsReply), and someone offering their time should hear back.
 */
export function feedbackDueDates(
  item: { type: FeedbackType; replyWanted: boolean },
  received: CalendarDate,
  targets: FeedbackTargets,
  extension?: RightsRequestExtension,
): FeedbackDueDates {
  switch (item.type) {
    case 'complaint':
      return {
        acknowledgeBy: complaintAcknowledgementDue(received, targets.complaintAcknowledgeWorkingDays),
        respondBy: null,
      };
    case 'rights-request':
      return { acknowledgeBy: null, respondBy: rightsRequestDue(received, extension) };
    case 'concern':
    case 'lay-partner':
      return { acknowledgeBy: null, respondBy: addWorkingDays(received, targets.questionWorkingDays) };
    case 'question':
    case 'compliment':
    case 'suggestion':
      return {
        acknowledgeBy: null,
        respondBy: item.replyWanted ? addWorkingDays(received, targets.questionWorkingDays) : null,
      };
  }
}

/** The clocks still running on an item, described as staff see them on `today`. */
export interface FeedbackClockStates {
  readonly acknowledge: ClockDescription | null;
  readonly respond: ClockDescription | null;
  /** The most urgent of the two, for sorting a list: overdue first, then due today, then due. */
  readonly worst: ClockDescription | null;
}

const urgency = (clock: ClockDescription) =>
  clock.state === 'overdue' ? 2000 + clock.workingDays : clock.state === 'due-today' ? 1000 : -clock.workingDays;

/**
 * A clock stops once its step is done: the acknowledgement clock when the item leaves "new",
 * the answer clock when it is answered or closed.
 */
export function feedbackClockStates(
  item: { status: FeedbackStatus } & FeedbackDueDates,
  today: CalendarDate,
): FeedbackClockStates {
  const acknowledge =
    item.acknowledgeBy !== null && !isAcknowledged(item.status) ? describeClock(item.acknowledgeBy, today) : null;
  const respond = item.respondBy !== null && !isAnswered(item.status) ? describeClock(item.respondBy, today) : null;
  const running = [acknowledge, respond].filter((clock): clock is ClockDescription => clock !== null);
  const worst = running.toSorted((a, b) => urgency(b) - urgency(a))[0] ?? null;
  return { acknowledge, respond, worst };
}

/** A sort key for lists (higher is more urgent); items with no running clock sort last. */
export function clockUrgency(states: FeedbackClockStates): number {
  return states.worst ? urgency(states.worst) : Number.NEGATIVE_INFINITY;
}
