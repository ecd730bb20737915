import { type CalendarDate, compareDates, todayInLondon } from './calendar-date.ts';

/**
 * Where a consultation stands on a given day, London time: answers are taken from the first
 * morning of `opens` to the last evening of `closes`, and the results are shown from the next day,
 * so nobody sees results while others can still answer.
 */
export type ConsultationStage = 'not-open' | 'open' | 'closed';

/** The day a content date (YAML date or `YYYY-MM-DD`, read as midnight UTC) names. */
export const dayOf = (date: Date) => date.toISOString().slice(0, 10) as CalendarDate;

export function consultationStage(dates: { opens: Date; closes: Date }, now: Date): ConsultationStage {
  const today = todayInLondon(now);
  if (compareDates(today, dayOf(dates.opens)) < 0) return 'not-open';
  if (compareDates(today, dayOf(dates.closes)) > 0) return 'closed';
  return 'open';
}

/** A consultation's address segment: a content file name, checked before any file is read with it. */
const CONSULTATION_SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Whether an address segment can name a consultation: lower-case words joined by single hyphens,
 * at most 100 characters. The one rule every reader of an address asks (the answer form, the
 * results page, the translation), so none of them can open a file outside the folder.
 */
export const isConsultationSlug = (slug: string): boolean => slug.length <= 100 && CONSULTATION_SLUG.test(slug);

/** Most characters in one free-text answer: about a page, and stated in the hint. */
export const FREE_TEXT_MAX = 2000;

/** The 1 to 5 scale's values. */
export const SCALE_VALUES = ['1', '2', '3', '4', '5'] as const;
