import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CalendarDate, todayInLondon } from '../../src/domain/calendar-date.ts';
import { dateTimeFormats } from '../../src/i18n/intl-cache.ts';
import { formatNumber, formatPercent } from '../../src/i18n/numbers.ts';
import { formatDate } from '../../src/i18n/t.ts';
import { AuditPage } from '../../src/server/staff/accounts/views/AuditPage.tsx';
import { chartDay, dateTime, monthName, tableDate, tableDay } from '../../src/server/staff/views/format.ts';
import { formatDay, londonToUtc } from '../../src/utils/london-time.ts';

/**
 * Making an Intl formatter loads its locale's data (45-95 µs here; 7.8 % of the server's time under the
 * contact form's load when formatDate made one per call), so each is made once and kept. These
 * count how many are made while the staff and public formatting runs again, and pin the words, so
 * keeping the formatters changes no date or number anyone reads.
 */
const made = { dates: 0, numbers: 0 };
const original = { DateTimeFormat: Intl.DateTimeFormat, NumberFormat: Intl.NumberFormat };

beforeEach(() => {
  made.dates = 0;
  made.numbers = 0;
  Intl.DateTimeFormat = new Proxy(original.DateTimeFormat, {
    construct: (target, args) => {
      made.dates += 1;
      return Reflect.construct(target, args);
    },
  });
  Intl.NumberFormat = new Proxy(original.NumberFormat, {
    construct: (target, args) => {
      made.numbers += 1;
      return Reflect.construct(target, args);
    },
  });
});

afterEach(() => {
  Intl.DateTimeFormat = original.DateTimeFormat;
  Intl.NumberFormat = original.NumberFormat;
});

const at = new Date('2026-07-22T14:05:09Z');
const auditTime = () =>
  renderToStaticMarkup(
    <AuditPage
      rows={[{ id: 1, at, actorId: null, action: 'x', subjectType: null, subjectRef: null, detail: null }]}
      action=""
      actor=""
      names={new Map()}
    />,
  ).match(/22 Jul 2026[^<]*/)?.[0];

/** Each way of writing a date or number, with what it writes today. */
const formatting: [string, () => string | undefined, string][] = [
  ['a staff date and time, in London time', () => dateTime(at), '22 July 2026 at 15:05'],
  ['a staff table date', () => tableDate(at), '22 Jul 2026'],
  ['the audit log time, to the second', auditTime, '22 Jul 2026, 15:05:09'],
  ['a stored day in a staff table', () => tableDay('2026-09-21' as CalendarDate), '21 Sept 2026'],
  ['a chart point', () => chartDay('2026-11-16' as CalendarDate), '16 Nov'],
  ['a month on the figures page', () => monthName('2026-11-16' as CalendarDate), 'November 2026'],
  ['an event day', () => formatDay('2026-12-03T18:30'), 'Thursday 3 December 2026'],
  ['an event time in summer', () => londonToUtc('2027-06-10T18:30').toISOString(), '2027-06-10T17:30:00.000Z'],
  ['the day in London after 11 pm UTC in summer', () => todayInLondon(new Date('2026-07-22T23:30:00Z')), '2026-07-23'],
  ['a date in Polish', () => formatDate(at, 'pl'), '22 lipca 2026'],
  ['a date in Urdu', () => formatDate(at, 'ur'), '22 جولائی، 2026'],
  ['a number in Polish', () => formatNumber(12300, 'pl'), '12\u00a0300'],
  ['a percentage', () => formatPercent(45, 'en'), '45%'],
];

describe('dates and numbers as staff and residents read them', () => {
  for (const [what, format, words] of formatting) {
    it(`writes ${what} the same way each time, making no new formatter after the first`, () => {
      expect(format()).toBe(words);
      made.dates = 0;
      made.numbers = 0;
      expect([format(), format()]).toEqual([words, words]);
      expect(made).toEqual({ dates: 0, numbers: 0 });
    });
  }

  it('shares one formatter between callers that name the same options, and only those', () => {
    const options = { month: 'long', timeZone: 'UTC' } as const;
    const first = dateTimeFormats(options);
    expect(dateTimeFormats({ ...options })('en-GB')).toBe(first('en-GB'));
    expect(made.dates).toBe(1);
    expect(first('pl-PL')).not.toBe(first('en-GB'));
    expect(dateTimeFormats({ ...options, month: 'short' })('en-GB')).not.toBe(first('en-GB'));
    expect(made.dates).toBe(3);
  });
});
