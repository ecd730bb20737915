import { z } from 'zod';

/** A parser's answer when the input will not do: which problem, and what to tell the person. */
interface ParseFailure {
  readonly ok: false;
  readonly problem: string;
  readonly message: string;
}

/**
 * A zod string field checked by one of the domain's parsers (NHS number, phone, postcode), so the
 * browser and the function give the same plain-words message. The issue carries the parser's
 * problem code as well (params.problem), never the answer.
 */
export function parsedField<K extends string, T>(
  parse: (input: string) => ({ readonly ok: true } & { readonly [key in K]: T }) | ParseFailure,
  /** Which field of a successful result is the field's value, e.g. `nhsNumber`. */
  key: K,
) {
  return z.string().transform((value, context): T => {
    const result = parse(value);
    if (result.ok) return result[key];
    context.issues.push({ code: 'custom', message: result.message, input: value, params: { problem: result.problem } });
    return z.NEVER;
  });
}
