import { z } from 'zod';
import { type CalendarDate, parseCalendarDate, parseDateFields } from '../../../domain/calendar-date.ts';
import { OPT_OUT_ROUTES, OPT_OUT_STATUSES } from '../../../domain/opt-out.ts';
import { checkEffectiveDate } from '../../../domain/opt-out-transitions.ts';
import type { FieldError } from '../../../forms/validation.ts';
import { t } from '../../../i18n/t.ts';
import { requiredText } from '../feedback/forms.ts';

/** The opt-out queue's inputs: the list's GET filter form, and what each step asks for. */

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const optOutFilterSchema = z.object({
  /** One status, "all", or (empty) those waiting for staff. */
  status: optional(z.enum([...OPT_OUT_STATUSES, 'all'])).catch(undefined),
  route: optional(z.enum(OPT_OUT_ROUTES)).catch(undefined),
  /** "yes": only those where the person asked to opt back in. */
  withdrawal: optional(z.enum(['yes'])).catch(undefined),
  /** At least this many working days old. */
  age: optional(z.coerce.number().int().min(0).max(999)).catch(undefined),
});
export type OptOutFilter = z.infer<typeof optOutFilterSchema>;

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
