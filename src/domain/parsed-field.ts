import { z } from 'zod/mini';

/** A parser's answer when the input will not do: which problem, and what to tell the person. */
interface ParseFailure {
  readonly ok: false;
  readonly problem: string;
  readonly message: string;
}

type Success<R> = Extract<R, { readonly ok: true }>;

const succeeded = <R extends { readonly ok: boolean }>(result: R): result is Success<R> => result.ok;

/**
 * A zod string field checked by one of the domain's parsers (NHS number, phone, postcode), so the
 * browser and the function give the same plain-words message. The issue carries the parser's
 * problem code as well (params.problem), never the answer.
 */
export function parsedField<R extends { readonly ok: true } | ParseFailure, K extends keyof Success<R>>(
  parse: (input: string) => R,
  /** Which field of a successful result is the field's value, e.g. `nhsNumber`. */
  key: K,
) {
  return z.pipe(
    z.string(),
    z.transform((value: string, context): Success<R>[K] => {
      const result = parse(value);
      if (succeeded(result)) return result[key];
      if (!result.ok) {
        context.issues.push({
          code: 'custom',
          message: result.message,
          input: value,
          params: { problem: result.problem },
        });
      }
      return z.NEVER;
    }),
  );
}
