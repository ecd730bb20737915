import { type DependencyList, useEffect, useMemo, useState } from 'react';
import type * as core from 'zod/v4/core';
import { inLanguage } from '../i18n/languages.ts';
import type { PostedFormState } from './components/PostedForm.tsx';
import { type IslandStrings, provideIslandStrings } from './island-language.ts';
import { useErrorTitle } from './opt-out/use-error-title.ts';
import { useLiveValidation } from './use-live-validation.ts';

/**
 * What every form island starts with: the page's strings in place, the form's schema built in the
 * page's language (its messages are built into it), live validation with it, and the page title
 * starting "Error: " while the error summary shows (the GOV.UK pattern, as on the server's error
 * page, so screen reader users hear it). `deps` are what the schema is built from besides the language.
 */
export function useIslandForm<S extends core.$ZodType>(
  strings: IslandStrings,
  buildSchema: () => S,
  deps: DependencyList = [],
) {
  const lang = provideIslandStrings(strings);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the schema is rebuilt only when its inputs (the language and `deps`) change
  const schema = useMemo(() => inLanguage(lang, buildSchema), [lang, ...deps]);
  const live = useLiveValidation(schema);
  useErrorTitle(live.summaryErrors.length);
  return { lang, live };
}

/**
 * A key that lets the function recognise a second press of "Send" as the same submission. It is
 * made after hydration, so the first render matches the static HTML exactly, which has none.
 */
function useIdempotencyKey(): string | undefined {
  const [key, setKey] = useState<string | undefined>(undefined);
  useEffect(() => setKey(crypto.randomUUID()), []);
  return key;
}

/**
 * useIslandForm for a form that posts an idempotency key (contact, email updates, consultations):
 * everything its view needs from live validation, ready to spread onto it.
 */
export function usePostedFormIsland<S extends core.$ZodType>(
  strings: IslandStrings,
  buildSchema: () => S,
  deps: DependencyList = [],
): { lang: IslandStrings['lang']; state: PostedFormState } {
  const { lang, live } = useIslandForm(strings, buildSchema, deps);
  const idempotencyKey = useIdempotencyKey();
  const { errors, summaryErrors, summaryRef, formProps } = live;
  return { lang, state: { errors, summaryErrors, summaryRef, formProps, idempotencyKey } };
}
