import { describe, expect, it } from 'vitest';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import type { OptOutStatus } from '../../src/domain/opt-out.ts';
import {
  allowedActions,
  checkEffectiveDate,
  needsStaffAction,
  nextStep,
  type OptOutState,
} from '../../src/domain/opt-out-transitions.ts';

const d = calendarDate;
const state = (status: OptOutStatus, extra: Partial<OptOutState> = {}): OptOutState => ({
  status,
  withdrawalRequested: false,
  appliedOn: null,
  withdrawalAppliedOn: null,
  ...extra,
});

describe('opt-out steps in staff hands', () => {
  it('takes a request forward one step at a time, from received to applied', () => {
    expect(nextStep(state('received'), 'confirm-contact')).toEqual({ ok: true, to: 'contact-confirmed' });
    expect(nextStep(state('contact-confirmed'), 'check-identity')).toEqual({ ok: true, to: 'identity-checked' });
    expect(nextStep(state('identity-checked'), 'apply')).toEqual({ ok: true, to: 'applied' });
  });

  it('refuses to skip a step: nobody applies an objection before identity is checked', () => {
    expect(nextStep(state('received'), 'apply').ok).toBe(false);
    expect(nextStep(state('received'), 'check-identity').ok).toBe(false);
    expect(nextStep(state('contact-confirmed'), 'apply').ok).toBe(false);
  });

  it('refuses to go back: an applied request cannot be confirmed or checked again', () => {
    for (const action of ['confirm-contact', 'check-identity', 'apply', 'reject'] as const) {
      expect(nextStep(state('applied'), action).ok).toBe(false);
    }
  });

  it('rejects only before a decision, and a rejection is final', () => {
    for (const status of ['received', 'contact-confirmed', 'identity-checked'] as const) {
      expect(nextStep(state(status), 'reject')).toEqual({ ok: true, to: 'rejected' });
    }
    expect(allowedActions(state('rejected'))).toEqual([]);
    expect(allowedActions(state('rejected', { withdrawalRequested: true }))).toEqual([]);
  });

  it('confirms a withdrawal only when the person asked for one', () => {
    expect(nextStep(state('applied'), 'confirm-withdrawal').ok).toBe(false);
    expect(nextStep(state('applied', { withdrawalRequested: true }), 'confirm-withdrawal')).toEqual({
      ok: true,
      to: 'withdrawn',
    });
    expect(nextStep(state('received', { withdrawalRequested: true }), 'confirm-withdrawal').ok).toBe(true);
  });

  it('asks for the withdrawal to be applied only when the objection had reached the clinical systems', () => {
    const applied = { appliedOn: d('2026-11-02'), withdrawalRequested: true };
    expect(allowedActions(state('withdrawn', applied))).toEqual(['record-withdrawal-applied']);
    expect(allowedActions(state('withdrawn', { withdrawalRequested: true }))).toEqual([]);
    expect(allowedActions(state('withdrawn', { ...applied, withdrawalAppliedOn: d('2026-11-09') }))).toEqual([]);
  });

  it('puts a request in the work list while staff have a step to take', () => {
    expect(needsStaffAction(state('received'))).toBe(true);
    expect(needsStaffAction(state('applied'))).toBe(false);
    expect(needsStaffAction(state('applied', { withdrawalRequested: true }))).toBe(true);
    expect(needsStaffAction(state('withdrawn', { appliedOn: d('2026-11-02') }))).toBe(true);
  });
});

describe('the day a change was made in the clinical systems', () => {
  const limits = { today: d('2026-11-20'), notBefore: d('2026-11-10') };
  it('may be today or earlier, but not before the request arrived', () => {
    expect(checkEffectiveDate(d('2026-11-20'), limits)).toBe('ok');
    expect(checkEffectiveDate(d('2026-11-10'), limits)).toBe('ok');
    expect(checkEffectiveDate(d('2026-11-21'), limits)).toBe('in-future');
    expect(checkEffectiveDate(d('2026-11-09'), limits)).toBe('too-early');
  });
});
