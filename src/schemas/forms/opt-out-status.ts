import { z } from 'zod/mini';
import { type CalendarDate, parseDateFields } from '../../domain/calendar-date.ts';
import { type Reference, referenceSchema } from '../../domain/reference.ts';
import { t } from '../../i18n/t.ts';
import { memoize } from './memoize.ts';

/**
 * The status check (and withdrawal) form: a reference and the patient's date of birth. Both are
 * needed so that a reference seen over someone's shoulder is not enough to read or change a request.
 */
export const optOutStatusInputShape = {
  /** The 8-character reference from the confirmation page or email; spaces and lower case forgiven. */
  reference: z
    ._default(z.string(), '')
    .register(z.globalRegistry, { label: 'optOut.reference.label', hint: 'optOut.reference.hint' }),
  /** Day of the patient's date of birth. */
  dateOfBirthDay: z._default(z.string(), '').register(z.globalRegistry, { label: 'optOut.statusDateOfBirth.legend' }),
  /** Month of birth. */
  dateOfBirthMonth: z._default(z.string(), ''),
  /** Year of birth. */
  dateOfBirthYear: z._default(z.string(), ''),
};

export interface OptOutStatusQuery {
  reference: Reference;
  dateOfBirth: CalendarDate;
}

/** Reference + date of birth in, or field errors in page order. */
const referenceField = memoize(referenceSchema);

export const optOutStatusSchema = ({ today }: { today: CalendarDate }) => buildStatusSchema(today);

const buildStatusSchema = memoize((today: CalendarDate) =>
  z.pipe(
    z.object(optOutStatusInputShape),
    z.transform((raw: z.output<z.ZodMiniObject<typeof optOutStatusInputShape>>, ctx): OptOutStatusQuery => {
      const reference = referenceField().safeParse(raw.reference);
      if (!reference.success) {
        ctx.issues.push({
          code: 'custom',
          path: ['reference'],
          input: raw.reference,
          message: reference.error.issues[0]?.message ?? t('optOut.status.notFound'),
        });
      }
      const date = parseDateFields(
        { day: raw.dateOfBirthDay, month: raw.dateOfBirthMonth, year: raw.dateOfBirthYear },
        { label: 'Date of birth', relativeTo: { today, mustBe: 'past' } },
      );
      if (!date.ok) {
        ctx.issues.push({ code: 'custom', path: ['dateOfBirth'], input: '', message: date.message });
      }
      if (!reference.success || !date.ok) return z.NEVER;
      return { reference: reference.data, dateOfBirth: date.date };
    }),
  ),
);
