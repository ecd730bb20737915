import { z } from 'zod';
import { type CalendarDate, parseCalendarDate, parseDateFields } from '../../../domain/calendar-date.ts';
import { OPT_OUT_ROUTES, OPT_OUT_STATUSES } from '../../../domain/opt-out.ts';
import { checkEffectiveDate } from '../../../domain/opt-out-transitions.ts';
import type { FieldError } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';
import { requiredText } from '../feedback/forms.ts';
import { type OptOutQueueFilter, PRACTICE_CODE, type QueueCursor } from './queue-query.ts';

/** The opt-out queue's inputs: the list's GET filter form, and what each step asks for. */

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const optOutFilterSchema = z.object({
  /** One status, "all", or (empty) those waiting for staff. */
  status: optional(z.enum([...OPT_OUT_STATUSES, 'all'])).catch(undefined),
  route: optional(z.enum(OPT_OUT_ROUTES)).catch(undefined),
  /** "self" or "proxy" (a parent, attorney or deputy asking for someone). */
  who: optional(z.enum(['self', 'proxy'])).catch(undefined),
  /** "yes": evidence of authority was sent; "no": none was. */
  evidence: optional(z.enum(['yes', 'no'])).catch(undefined),
  /** "yes": only those where the person asked to opt back in. */
  withdrawal: optional(z.enum(['yes'])).catch(undefined),
  /** At least this many working days old. */
  age: optional(z.coerce.number().int().min(0).max(999)).catch(undefined),
  /** Apply-by date within this many working days, or passed. */
  breach: optional(z.coerce.number().int().min(0).max(99)).catch(undefined),
  /** A GP practice's ODS code (any case, spaces round it ignored), as the match file gave it. */
  practice: optional(z.string().trim().toUpperCase().regex(PRACTICE_CODE)).catch(undefined),
});
export type OptOutFilter = z.infer<typeof optOutFilterSchema>;

/** The filter form's values as the query module's filter. */
export function queueFilterOf(filter: OptOutFilter): OptOutQueueFilter {
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.route ? { route: filter.route } : {}),
    ...(filter.who ? { who: filter.who } : {}),
    ...(filter.evidence ? { evidence: filter.evidence } : {}),
    withdrawal: filter.withdrawal === 'yes',
    ...(filter.age !== undefined ? { minAgeWorkingDays: filter.age } : {}),
    ...(filter.breach !== undefined ? { breachWithinWorkingDays: filter.breach } : {}),
    ...(filter.practice ? { practice: filter.practice } : {}),
  };
}

/** The filter as query-string pairs, for page links and the bulk form's hidden fields. */
export function filterPairs(filter: OptOutFilter): [string, string][] {
  return Object.entries(filter).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]]));
}

/**
 * The number filters' mistakes in words: the filter itself ignores a box it cannot read (the
 * list still shows), and the page says which box and what to type.
 */
export function filterErrors(query: Record<string, string>, filter: OptOutFilter): FieldError[] {
  const unread = (name: 'age' | 'breach' | 'practice') =>
    (query[name] ?? '').trim() !== '' && filter[name] === undefined;
  return [
    ...(unread('breach') ? [{ field: 'breach', message: t('staffOptOutQueue.filter.error.breach') }] : []),
    ...(unread('age') ? [{ field: 'age', message: t('staffOptOutQueue.filter.error.age') }] : []),
    ...(unread('practice') ? [{ field: 'practice', message: t('staffOptOutQueue.filter.error.practice') }] : []),
  ];
}

/** A page of the list: after or before a row's id (ids only, never anything personal, in the URL). */
const rowId = optional(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)).catch(undefined);
export const cursorSchema = z.object({ after: rowId, before: rowId });

export function cursorOf(query: Record<string, string>): QueueCursor {
  const { after, before } = cursorSchema.parse(query);
  return after !== undefined ? { after } : before !== undefined ? { before } : {};
}

export const identityNoteSchema = () =>
  z.object({ note: requiredText('staffQueues.optOut.error.note', 'staffQueues.optOut.error.noteLength', 2000) });

export const rejectionSchema = () =>
  z.object({ reason: requiredText('staffQueues.optOut.error.reason', 'staffQueues.optOut.error.reasonLength', 2000) });

/**
 * The day a change was made in the clinical systems, from the date input's three boxes (a form)
 * or `date` as YYYY-MM-DD (JSON); not in the future and not before `notBefore`.
 */
export function readEffectiveDate(
  body: Record<string, unknown>,
  limits: { today: CalendarDate; notBefore: CalendarDate },
): { ok: true; date: CalendarDate } | { ok: false; error: FieldError } {
  const fail = (message: string) => ({ ok: false as const, error: { field: 'date', message } });
  const text = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
  let date: CalendarDate | undefined;
  if (typeof body['date'] === 'string') {
    date = parseCalendarDate(body['date']);
    if (!date) return fail(t('staffQueues.optOut.error.dateReal'));
  } else {
    const parsed = parseDateFields(
      { day: text('dateDay'), month: text('dateMonth'), year: text('dateYear') },
      { label: t('staffQueues.optOut.dateLabel'), emptyMessage: t('staffQueues.optOut.error.dateEmpty') },
    );
    if (!parsed.ok) return fail(parsed.message);
    date = parsed.date;
  }
  const checked = checkEffectiveDate(date, limits);
  if (checked === 'in-future') return fail(t('staffQueues.optOut.error.dateFuture'));
  if (checked === 'too-early') return fail(t('staffQueues.optOut.error.dateEarly'));
  return { ok: true, date };
}
