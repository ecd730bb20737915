import { safeParse } from 'zod/mini';
import type * as core from 'zod/v4/core';
import { localiseMessage } from '../i18n/domain-messages.ts';

/**
 * One problem with one field, in plain words, GOV.UK style ("Enter your date of birth").
 * This is also the JSON error shape: 422 {"errors":[{"field","message"}]}.
 */
export interface FieldError {
  /** The field's name as posted, e.g. "nhsNumber" or "dateOfBirth". */
  field: string;
  message: string;
}

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/**
 * Validates raw form input with a form's zod schema — the same call in the browser (live
 * validation) and in the function (the decision). Only the first problem per field is kept, in
 * the order the fields appear, because the error summary lists one message per field.
 */
export function validateForm<S extends core.$ZodType>(schema: S, input: unknown): ValidationResult<core.output<S>> {
  const result = safeParse(schema, input);
  if (result.success) return { ok: true, data: result.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (seen.has(field)) continue;
    seen.add(field);
    // The domain rules answer in English; the resident reads the form's language.
    errors.push({ field, message: localiseMessage(issue.message) });
  }
  return { ok: false, errors };
}

/** Errors keyed by field, for showing each message beside its field. */
export function errorsByField(errors: readonly FieldError[]): Record<string, string> {
  return Object.fromEntries(errors.map((error) => [error.field, error.message]));
}

/**
 * Turns URL-encoded or multipart form fields into a plain object for the schema: repeated
 * names (checkboxes) become arrays, everything else a trimmed string. Files are left out;
 * the caller handles them separately.
 */
export function formFieldsToObject(entries: Iterable<[string, FormDataEntryValue]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of entries) {
    if (typeof value !== 'string') continue;
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else out[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
