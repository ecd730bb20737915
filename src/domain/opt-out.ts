import { ageInYearsOn, type CalendarDate } from './calendar-date.ts';

/**
 * Who an objection to the local shared care record is for, and the legal basis a person has to
 * make it for someone else. The routes mirror the national data opt-out's proxy rules: people
 * aged 13 or over decide for themselves; a parent decides for a child under 13; an adult who
 * cannot decide is represented by the holder of a lasting power of attorney for health and
 * welfare, or by a deputy appointed by the Court of Protection.
 */
export const OPT_OUT_ROUTES = ['self', 'child', 'lpa', 'deputy'] as const;
export type OptOutRoute = (typeof OPT_OUT_ROUTES)[number];

/** Routes where the person filling in the form is not the patient, so we need their details. */
export const isProxyRoute = (route: OptOutRoute): boolean => route !== 'self';

/** The age (in whole years, on the day the form is sent) each route allows. */
const AGE_RULES: Record<OptOutRoute, { min?: number; maxExclusive?: number }> = {
  self: { min: 13 },
  child: { maxExclusive: 13 },
  // A lasting power of attorney and a deputyship are for adults who cannot decide for themselves.
  lpa: { min: 18 },
  deputy: { min: 18 },
};

/** True when the patient's age on `today` fits the route chosen. */
export function ageFitsRoute(route: OptOutRoute, dateOfBirth: CalendarDate, today: CalendarDate): boolean {
  if (dateOfBirth > today) return false;
  const age = ageInYearsOn(dateOfBirth, today);
  const rule = AGE_RULES[route];
  return (rule.min === undefined || age >= rule.min) && (rule.maxExclusive === undefined || age < rule.maxExclusive);
}

/**
 * Where a request is, in the words a person sees on the status page. Staff move it along
 * (issue 6); the person can confirm their contact details and withdraw.
 */
export const OPT_OUT_STATUSES = [
  'received',
  'contact-confirmed',
  'identity-checked',
  'applied',
  'withdrawn',
  'rejected',
] as const;
export type OptOutStatus = (typeof OPT_OUT_STATUSES)[number];

/** A person can withdraw (opt back in) at any point until the withdrawal has happened. */
export const canWithdraw = (status: OptOutStatus): boolean => status !== 'withdrawn' && status !== 'rejected';

/** Confirmation and withdrawal links in emails stop working after 7 days. */
export const LINK_VALID_DAYS = 7;

/**
 * Wrong dates of birth allowed per reference in a day on the status and withdrawal look-ups;
 * after that look-ups for the reference pause until the day is over (issue 15).
 */
export const WRONG_DATES_PER_DAY = 10;
