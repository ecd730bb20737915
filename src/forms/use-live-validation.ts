import { type FocusEvent, type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { config } from 'zod/mini';
import type * as core from 'zod/v4/core';
import { DATE_PARTS, datePartName } from './date-parts.ts';
import { type FieldError, formFieldsToObject, validateForm } from './validation.ts';

// The site's Content-Security-Policy allows no eval (docs/security-headers.md). Without this, zod
// probes for it with `new Function` on the first parse, and every form page reports a violation.
config({ jitless: true });

/** The name of the form control an event came from, if it came from one. */
function fieldName(target: EventTarget): string | undefined {
  const control = target as Partial<HTMLInputElement>;
  return typeof control.name === 'string' && control.name !== '' ? control.name : undefined;
}

/**
 * Whether an input named `name` is (part of) the field an error names: the field itself, or one of
 * a date's three boxes (dateOfBirthDay/Month/Year belong to dateOfBirth; the names come from
 * date-parts.ts, as the date input's do). Not any name that merely starts the same: leaving "Do you
 * know the NHS number?" (nhsNumberKnown) must not show the NHS number box's message before the
 * resident reaches it.
 */
export const belongsTo = (name: string, field: string): boolean =>
  name === field || DATE_PARTS.some((part) => name === datePartName(field, part));

/**
 * Live validation for a hydrated form, with the same zod schema the function uses. A field's
 * message appears once the person leaves it (not while they are still typing its first
 * characters) and updates as they type after that; on submit, every problem is listed in the
 * error summary, which takes focus. Valid forms are posted normally, so the server still decides.
 */
export function useLiveValidation<S extends core.$ZodType>(
  schema: S,
  toInput: (fields: Record<string, string | string[]>) => unknown = (f) => f,
) {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [showSummary, setShowSummary] = useState(false);
  const touched = useRef(new Set<string>());
  const summaryRef = useRef<HTMLDivElement>(null);
  const focusSummary = useRef(false);

  const run = useCallback(
    (form: HTMLFormElement) => {
      const result = validateForm(schema, toInput(formFieldsToObject(new FormData(form))));
      return result.ok ? [] : result.errors;
    },
    [schema, toInput],
  );

  const visible = (all: FieldError[]) =>
    all.filter((error) => [...touched.current].some((name) => belongsTo(name, error.field)));

  const onBlur = (event: FocusEvent<HTMLFormElement>) => {
    const name = fieldName(event.target);
    if (!name) return;
    touched.current.add(name);
    const all = run(event.currentTarget);
    setErrors(showSummary ? all : visible(all));
  };

  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const name = fieldName(event.target);
    // A message already shown is updated as its field is corrected, even from a box not yet left:
    // the date's message belongs to all three boxes, so typing the year must clear "must include a year".
    const shown = name !== undefined && errors.some((error) => belongsTo(name, error.field));
    if (!name || !(touched.current.has(name) || shown)) return;
    const all = run(event.currentTarget);
    setErrors(showSummary ? all : visible(all));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const all = run(event.currentTarget);
    if (all.length === 0) return; // let the browser post it; the server validates again
    event.preventDefault();
    setErrors(all);
    setShowSummary(true);
    focusSummary.current = true;
  };

  // The request to focus stays until the summary is on the page: in the browser the islands run on
  // Preact (src/forms/browser-runtime.ts), whose effects run after paint, so an effect left over from
  // the render before the submit (a blur's) can run first, before the summary exists.
  useEffect(() => {
    const summary = focusSummary.current && summaryRef.current?.querySelector<HTMLElement>('.nhsuk-error-summary');
    if (summary) {
      summary.focus();
      focusSummary.current = false;
    }
  });

  const byField = Object.fromEntries(errors.map((error) => [error.field, error.message]));
  return {
    errors,
    summaryErrors: showSummary ? errors : [],
    byField,
    summaryRef,
    formProps: { onBlur, onInput, onSubmit, noValidate: true },
  };
}
