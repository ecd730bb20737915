import { stringify } from 'csv-stringify/sync';
import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import {
  addDays,
  type CalendarDate,
  compareDates,
  parseCalendarDate,
  todayInLondon,
} from '../../../domain/calendar-date.ts';
import { decryptField, decryptJson, type Keyring } from '../../crypto/field-crypto.ts';
import type { Database } from '../../db/client.ts';
import { optOutRequests } from '../../db/opt-out-schema.ts';
import { optOutEvents, staffAuditLog } from '../../db/staff-schema.ts';
import { addressSchema } from './requests.ts';

/**
 * The CSV GP practices load into their clinical systems: one row per person whose objection was
 * applied, or whose objection was removed after a withdrawal, with the SNOMED CT code to record
 * (consent subset 43961000000137).
 *
 * The range is by the day staff RECORDED the change in the back office, not the effective date
 * they typed: an objection applied on Monday but recorded on Wednesday, after Tuesday's export,
 * still goes out in the next one. Missing a row here would leave a record shared against the
 * person's wishes, so the default range starts where the last export ended.
 */
export const SNOMED = {
  objection: { code: '416409005', term: 'Refused consent for upload to local shared electronic record' },
  withdrawal: { code: '417528008', term: 'Consent given for upload to local shared electronic record' },
} as const;

export interface ExportRow {
  reference: string;
  change: keyof typeof SNOMED;
  nhsNumber: string;
  name: string;
  dateOfBirth: string;
  /** Only when the NHS number is unknown: then the practice matches on name, date of birth and address. */
  address: string;
  postcode: string;
  effectiveDate: string;
}

/** The exported range: recorded on or after `from` and on or before `to` (London days). */
export interface ExportRange {
  from: CalendarDate;
  to: CalendarDate;
}

/**
 * The rows for a range. A person whose objection and withdrawal were both recorded in the range
 * gets one row, for the later change: that is where their record now stands.
 */
export async function exportRows(db: Database, keyring: Keyring, range: ExportRange): Promise<ExportRow[]> {
  // A day either side in UTC, then exact London days below: British Summer Time moves midnight.
  const events = await db
    .select({ requestId: optOutEvents.requestId, step: optOutEvents.toStatus, at: optOutEvents.at })
    .from(optOutEvents)
    .where(
      and(
        inArray(optOutEvents.toStatus, ['applied', 'withdrawal-applied']),
        gte(optOutEvents.at, new Date(`${addDays(range.from, -1)}T00:00:00Z`)),
        lt(optOutEvents.at, new Date(`${addDays(range.to, 2)}T00:00:00Z`)),
      ),
    )
    .orderBy(desc(optOutEvents.at), desc(optOutEvents.id));
  const latest = new Map<number, string>();
  for (const event of events) {
    const day = todayInLondon(event.at);
    if (day < range.from || day > range.to || latest.has(event.requestId)) continue;
    latest.set(event.requestId, event.step);
  }
  if (latest.size === 0) return [];
  const rows = await db
    .select()
    .from(optOutRequests)
    .where(inArray(optOutRequests.id, [...latest.keys()]))
    .orderBy(optOutRequests.reference);
  return rows.flatMap((row): ExportRow[] => {
    const change = latest.get(row.id) === 'withdrawal-applied' ? 'withdrawal' : 'objection';
    const effectiveDate = change === 'withdrawal' ? row.withdrawalAppliedOn : row.appliedOn;
    // The retention job keeps no name for an old request; the practice has had it in an earlier export.
    if (row.personalDataDeletedAt || !effectiveDate) return [];
    const nhsNumber = row.patientNhsNumberEncrypted ? decryptField(keyring, row.patientNhsNumberEncrypted) : '';
    const address = nhsNumber === '' ? addressSchema.parse(decryptJson(keyring, row.patientAddressEncrypted)) : null;
    return [
      {
        reference: row.reference,
        change,
        nhsNumber,
        name: decryptField(keyring, row.patientNameEncrypted),
        dateOfBirth: decryptField(keyring, row.patientDateOfBirthEncrypted),
        address: address ? [address.line1, address.line2, address.town].filter(Boolean).join(', ') : '',
        postcode: address?.postcode ?? '',
        effectiveDate,
      },
    ];
  });
}

/**
 * A cell that a spreadsheet would run as a formula (OWASP "CSV injection": = + - @, tab, carriage
 * return) gets a leading apostrophe, so it is shown as text. Names and addresses are typed by the
 * public, so they are never trusted.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const HEADER = [
  'Reference',
  'NHS number',
  'Name',
  'Date of birth',
  'Address (only when no NHS number)',
  'Postcode (only when no NHS number)',
  'SNOMED CT code',
  'SNOMED CT term',
  'Change',
  'Effective date',
];

/** The CSV text: a header row, then one row per person; every cell quoted. */
export function toCsv(rows: readonly ExportRow[]): string {
  const records = rows.map((row) => [
    row.reference,
    row.nhsNumber,
    row.name,
    row.dateOfBirth,
    row.address,
    row.postcode,
    SNOMED[row.change].code,
    SNOMED[row.change].term,
    row.change === 'objection' ? 'Objection applied' : 'Objection withdrawn',
    row.effectiveDate,
  ]);
  return stringify([HEADER, ...records.map((record) => record.map(neutraliseFormula))], {
    quoted: true,
    quoted_empty: true,
    record_delimiter: 'windows',
  });
}

/** The default start: the day after the last export's end (but never after today), or the first day anything was applied. */
export async function defaultRange(db: Database, now: Date): Promise<ExportRange & { lastExportAt: Date | null }> {
  const today = todayInLondon(now);
  const [last] = await db
    .select({ at: staffAuditLog.at, detail: staffAuditLog.detail })
    .from(staffAuditLog)
    .where(eq(staffAuditLog.action, 'opt-out.export'))
    .orderBy(desc(staffAuditLog.at), desc(staffAuditLog.id))
    .limit(1);
  const detail = z.object({ to: z.string() }).safeParse(last?.detail);
  const lastTo = detail.success ? parseCalendarDate(detail.data.to) : undefined;
  if (last && lastTo) {
    const next = addDays(lastTo, 1);
    return { from: compareDates(next, today) > 0 ? today : next, to: today, lastExportAt: last.at };
  }
  const [first] = await db
    .select({ at: optOutEvents.at })
    .from(optOutEvents)
    .where(inArray(optOutEvents.toStatus, ['applied', 'withdrawal-applied']))
    .orderBy(optOutEvents.at)
    .limit(1);
  return { from: first ? todayInLondon(first.at) : today, to: today, lastExportAt: null };
}
