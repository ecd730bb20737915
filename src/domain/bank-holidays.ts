import { z } from 'zod';
import data from './bank-holidays-england-and-wales.json' with { type: 'json' };
import { type CalendarDate, parseCalendarDate } from './calendar-date.ts';

/**
 * Bank holidays in England and Wales, which do not count as working days for complaint and
 * rights-request clocks.
 *
 * They are data, not a formula, because Parliament and the King can move or add them: the early
 * May holiday moved to 8 May in 2020 for VE Day, and there were one-off holidays for the Platinum
 * Jubilee (2022), the Queen's funeral (2022) and the coronation (2023). When a one-off holiday or
 * a move is announced, add or change its entry in `bank-holidays-england-and-wales.json`, copying
 * GOV.UK's https://www.gov.uk/bank-holidays.json (its "england-and-wales" division has the same
 * shape), and update the recomputation test to expect it. The regular holidays in the file were
 * computed from the rules and are checked against them by tests/unit/bank-holidays.test.ts.
 */

/** One bank holiday, in the shape GOV.UK publishes. */
export interface BankHoliday {
  /** Its name, e.g. "Boxing Day". */
  readonly title: string;
  /** The day it is taken, which for a substitute day is not the day it is named after. */
  readonly date: CalendarDate;
  /** "Substitute day" when the holiday fell at a weekend and moved to a weekday; otherwise empty. */
  readonly notes: string;
  /** Whether GOV.UK shows bunting for it (it does not for Good Friday). */
  readonly bunting: boolean;
}

const bankHolidaySchema = z.object({
  title: z.string().min(1),
  date: z.string().transform((value, context): CalendarDate => {
    const date = parseCalendarDate(value);
    if (date !== undefined) return date;
    context.issues.push({ code: 'custom', message: `Not a real YYYY-MM-DD date: ${value}`, input: value });
    return z.NEVER;
  }),
  notes: z.string(),
  bunting: z.boolean(),
});

const divisionSchema = z.object({
  division: z.literal('england-and-wales'),
  events: z.array(bankHolidaySchema).min(1),
});

// Checked once when the module loads: a bad edit to the data file should stop the build and the
// tests, not quietly make a bank holiday count as a working day.
const parsed = divisionSchema.safeParse(data);
if (!parsed.success) {
  throw new Error('bank-holidays-england-and-wales.json does not have the shape of GOV.UK data', {
    cause: parsed.error,
  });
}

/** Every bank holiday in the data file, in date order. */
export const BANK_HOLIDAYS: readonly BankHoliday[] = parsed.data.events.toSorted((a, b) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
);

const byDate = new Map(BANK_HOLIDAYS.map((holiday) => [holiday.date, holiday]));
const years = BANK_HOLIDAYS.map((holiday) => Number(holiday.date.slice(0, 4)));

/** The whole calendar years the data covers. After `last`, deadlines cannot be worked out until the file is updated. */
export const BANK_HOLIDAY_YEARS: { readonly first: number; readonly last: number } = {
  first: Math.min(...years),
  last: Math.max(...years),
};

/** Thrown for a date in a year the data does not cover: a guessed deadline would be worse than none. */
export class BankHolidaysNotKnownError extends Error {
  override readonly name = 'BankHolidaysNotKnownError';
  /** The date that was asked about. */
  readonly date: CalendarDate;
  constructor(date: CalendarDate) {
    super(
      `Bank holidays for ${date.slice(0, 4)} are not in the data (it covers ${BANK_HOLIDAY_YEARS.first} to ` +
        `${BANK_HOLIDAY_YEARS.last}). Add them to src/domain/bank-holidays-england-and-wales.json.`,
    );
    this.date = date;
  }
}

/** The bank holiday taken on this date, if there is one. Throws `BankHolidaysNotKnownError` outside the data's years. */
export function bankHolidayOn(date: CalendarDate): BankHoliday | undefined {
  const year = Number(date.slice(0, 4));
  if (year < BANK_HOLIDAY_YEARS.first || year > BANK_HOLIDAY_YEARS.last) throw new BankHolidaysNotKnownError(date);
  return byDate.get(date);
}

/** True if the date is a bank holiday in England and Wales (including substitute days). */
export function isBankHoliday(date: CalendarDate): boolean {
  return bankHolidayOn(date) !== undefined;
}
