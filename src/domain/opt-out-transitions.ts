import { type CalendarDate, compareDates } from './calendar-date.ts';
import type { OptOutStatus } from './opt-out.ts';

/**
 * The steps staff take on an opt-out request, and which are allowed from where. Pure rules, so
 * the back office, its JSON API and the tests agree, and so nothing can be skipped: an objection
 * is applied in the clinical systems only after the contact details and the person's identity
 * have been checked, because applying someone else's objection would hide their record from the
 * professionals caring for them.
 *
 *   received → contact-confirmed → identity-checked → applied
 *        ↘───────────↘──────────────────↘ rejected (reason required, the person is told)
 *   any step but rejected → withdrawn (the person's link, or staff after a phone call)
 *   applied, then withdrawn → the objection removed from the clinical systems (withdrawal applied)
 */
export const OPT_OUT_ACTIONS = [
  /** Staff confirmed the contact details by phone (the person had no email, or their link expired). */
  'confirm-contact',
  /** Staff checked the person is who they say (or the proxy's authority), with a note of how. */
  'check-identity',
  /** Staff applied the objection in the clinical systems on a given date. */
  'apply',
  /** Staff refused the request, with a reason the person is told. */
  'reject',
  /** Staff confirmed by phone that the person wants to opt back in. */
  'confirm-withdrawal',
  /** Staff removed the objection from the clinical systems on a given date, after a withdrawal. */
  'record-withdrawal-applied',
] as const;
export type OptOutAction = (typeof OPT_OUT_ACTIONS)[number];

/**
 * What opt_out_events.to_status holds: a status, or "withdrawal-applied" for the last step of a
 * withdrawal (the status stays "withdrawn"; the event says when the change reached the GP systems).
 */
export type OptOutEventStep = OptOutStatus | 'withdrawal-applied';

/** What the rules need to know about a request. */
export interface OptOutState {
  status: OptOutStatus;
  /** The person asked to opt back in (by the status page), whether or not it is confirmed yet. */
  withdrawalRequested: boolean;
  /** The day the objection was applied in the clinical systems, if it was. */
  appliedOn: CalendarDate | null;
  /** The day the objection was removed again after a withdrawal, if it was. */
  withdrawalAppliedOn: CalendarDate | null;
}

const BEFORE_DECISION: readonly OptOutStatus[] = ['received', 'contact-confirmed', 'identity-checked'];

/** Why a step is refused, for the message staff see. */
export type TransitionRefusal = 'not-allowed-now';

/** The status a step leads to, or a refusal when the request is not at the right point. */
export function nextStep(
  state: OptOutState,
  action: OptOutAction,
): { ok: true; to: OptOutEventStep } | { ok: false; refusal: TransitionRefusal } {
  const to = allowedTarget(state, action);
  return to ? { ok: true, to } : { ok: false, refusal: 'not-allowed-now' };
}

function allowedTarget(state: OptOutState, action: OptOutAction): OptOutEventStep | undefined {
  const { status } = state;
  switch (action) {
    case 'confirm-contact':
      return status === 'received' ? 'contact-confirmed' : undefined;
    case 'check-identity':
      return status === 'contact-confirmed' ? 'identity-checked' : undefined;
    case 'apply':
      return status === 'identity-checked' ? 'applied' : undefined;
    case 'reject':
      return BEFORE_DECISION.includes(status) ? 'rejected' : undefined;
    case 'confirm-withdrawal':
      // Only when the person asked: staff never opt someone back in on their own initiative.
      return state.withdrawalRequested && status !== 'withdrawn' && status !== 'rejected' ? 'withdrawn' : undefined;
    case 'record-withdrawal-applied':
      // Only an objection that reached the clinical systems has anything to remove.
      return status === 'withdrawn' && state.appliedOn !== null && state.withdrawalAppliedOn === null
        ? 'withdrawal-applied'
        : undefined;
  }
}

/** Every step staff may take now, in the order the screen offers them. */
export function allowedActions(state: OptOutState): OptOutAction[] {
  return OPT_OUT_ACTIONS.filter((action) => allowedTarget(state, action) !== undefined);
}

/** True when the request is waiting for staff (the queue's default list). */
export function needsStaffAction(state: OptOutState): boolean {
  return allowedActions(state).some((action) => action !== 'reject');
}

/**
 * Checks the day a change was made in the clinical systems: not in the future (it has happened)
 * and not before `notBefore` (the day the request arrived, or the day the objection was applied).
 */
export function checkEffectiveDate(
  date: CalendarDate,
  limits: { today: CalendarDate; notBefore: CalendarDate },
): 'ok' | 'in-future' | 'too-early' {
  if (compareDates(date, limits.today) > 0) return 'in-future';
  if (compareDates(date, limits.notBefore) < 0) return 'too-early';
  return 'ok';
}
