import type { ClockDescription } from '../../../domain/clocks.ts';
import {
  type FeedbackStatus,
  type FeedbackType,
  isAcknowledged,
  isAnswered,
  type ReplyMethod,
} from '../../../domain/feedback.ts';
import type { FeedbackClockStates } from '../../../domain/feedback-clocks.ts';
import type { TagColour } from '../../../forms/components/Tag.tsx';
import { t } from '../../../i18n/t.ts';

/** A clock in words for a staff list ("due in 2 working days", "overdue by 1 working day"), with a tag colour. */
export function describeClockWords(clock: ClockDescription): { text: string; colour: TagColour } {
  const count = clock.workingDays;
  if (clock.state === 'due-today') return { text: t('staffQueues.clock.dueToday'), colour: 'orange' };
  if (clock.state === 'overdue') {
    if (count === 0) return { text: t('staffQueues.clock.overdue'), colour: 'red' };
    const key = count === 1 ? 'staffQueues.clock.overdueByOne' : 'staffQueues.clock.overdueBy';
    return { text: t(key, { count }), colour: 'red' };
  }
  if (count === 0) return { text: t('staffQueues.clock.dueBeforeNext'), colour: 'yellow' };
  const key = count === 1 ? 'staffQueues.clock.dueInOne' : 'staffQueues.clock.dueIn';
  return { text: t(key, { count }), colour: count <= 2 ? 'yellow' : 'grey' };
}

/**
 * The clock staff should act on: the most urgent one still running, said with which step it is
 * for ("acknowledge"); or, with none running, why: answered, closed, no reply wanted, or a
 * complaint whose response date has not been agreed yet (which is work to do, not "no deadline").
 */
export function feedbackClockWords(item: {
  status: FeedbackStatus;
  clocks: FeedbackClockStates;
  type: FeedbackType;
  replyBy: ReplyMethod;
}): { text: string; colour: TagColour; step?: string } {
  const { status, clocks } = item;
  const worst = clocks.worst;
  if (worst) {
    const step = worst === clocks.acknowledge ? t('staffQueues.clock.toAcknowledge') : t('staffQueues.clock.toAnswer');
    return { ...describeClockWords(worst), step };
  }
  if (status === 'closed') return { text: t('staffQueues.clock.closed'), colour: 'grey' };
  if (isAnswered(status)) return { text: t('staffQueues.clock.answered'), colour: 'green' };
  if (item.type === 'complaint' && isAcknowledged(status))
    return { text: t('staffQueues.clock.agreeDate'), colour: 'orange' };
  if (item.replyBy === 'none') return { text: t('staffQueues.clock.noReplyWanted'), colour: 'white' };
  return { text: t('staffQueues.clock.none'), colour: 'white' };
}
