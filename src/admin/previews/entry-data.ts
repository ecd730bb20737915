/**
 * Reading an entry's data for a preview. While an editor types, any field may be missing or
 * half-filled, and dates arrive as "2026-11-22" from the CMS but as Dates from the build, so each
 * reader checks what it gets and falls back to empty rather than trusting the shape.
 */

/** An entry's front matter as a preview gets it. */
export type EntryData = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is EntryData =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

export function text(data: EntryData, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

export function texts(data: EntryData, key: string): string[] {
  const value = data[key];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}

export function flag(data: EntryData, key: string): boolean {
  return data[key] === true;
}

export function record(data: EntryData, key: string): EntryData {
  const value = data[key];
  return isRecord(value) ? value : {};
}

export function records(data: EntryData, key: string): EntryData[] {
  const value = data[key];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** A calendar date from "YYYY-MM-DD" or a Date; undefined while the field is empty or invalid. */
export function date(data: EntryData, key: string): Date | undefined {
  const value = data[key];
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const parsed = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
