import type { z } from 'zod';

/**
 * zod's default messages ("Too small: expected string to have >=5 characters") rewritten as
 * GOV.UK-style instructions for the comms team. Messages written in a schema (e.g. "End the
 * question with a question mark") take precedence over these, as zod applies them first.
 */

const EXPECTED: Record<string, string> = {
  string: 'Write some text here',
  number: 'Enter a number, like 100',
  boolean: 'Choose yes or no (true or false)',
  array: 'Make this a list, one item per line starting with "- "',
  object: 'Fill in the fields of this group',
  date: 'Write the date as YYYY-MM-DD, like 2026-11-22',
};

const FORMAT: Record<string, string> = {
  url: 'Enter a web address that starts with https://',
  email: 'Enter an email address, like name@example.org',
  regex: 'Check how this is written: it is not in the form expected',
};

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function sizeMessage(origin: string, limit: number | bigint, atLeast: boolean): string {
  const n = Number(limit);
  const bound = atLeast ? 'at least' : 'no more than';
  if (origin === 'string') return `Write ${bound} ${counted(n, 'character', 'characters')}`;
  if (origin === 'array' || origin === 'set') return `Add ${bound} ${counted(n, 'item', 'items')}`;
  return `Enter a number ${atLeast ? `of ${n} or more` : `of ${n} or less`}`;
}

export const plainMessage: z.core.$ZodErrorMap = (issue) => {
  const missing = issue.input === undefined;
  switch (issue.code) {
    case 'invalid_type':
      return missing ? 'Add this: it is required' : (EXPECTED[issue.expected] ?? undefined);
    case 'invalid_union':
      return missing ? 'Add this: it is required' : undefined;
    case 'too_small':
      return sizeMessage(issue.origin, issue.minimum, true);
    case 'too_big':
      return sizeMessage(issue.origin, issue.maximum, false);
    case 'invalid_value':
      return `Choose one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return FORMAT[issue.format] ?? undefined;
    default:
      return undefined;
  }
};
