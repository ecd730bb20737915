/**
 * Words only editors see in the preview (the reading-age check). Words residents see come from
 * src/i18n through t(), so the preview says exactly what the page will say.
 */
export const editorStrings = {
  checkHeading: 'Reading age check (only you see this)',
  score: (age: number, target: number) => `Reading age ${age}. The target is ${target} or under.`,
  noText: 'Write some text to see its reading age.',
  meets: 'Meets the target',
  above: 'Above the target',
  exception: (age: number) => `This page has an exception up to reading age ${age}.`,
  longHeading: (count: number) => (count === 1 ? '1 long sentence' : `${count} long sentences`),
  longHint: (words: number) => `Sentences over ${words} words are hard to follow. Try splitting these:`,
  words: (count: number) => `(${count} words)`,
  notSet: 'Not set yet',
  previewOf: (what: string) => `Preview: ${what}`,
} as const;

/** The absolute-claims check in the preview (AbsoluteClaimsCheck.tsx): editors only. */
export const claimStrings = {
  heading: 'Absolute claims check (only you see this)',
  none: 'No absolute claims about data found.',
  warning: (count: number) => (count === 1 ? '1 absolute claim' : `${count} absolute claims`),
  hint: 'Words like never, always, only, cannot, guarantee and 100 % make a promise. Check each is true without exception, or soften it:',
  word: (word: string) => `(“${word}”)`,
  reviewed: (by: string, on: string) => `Legal review: signed off by ${by} on ${on}.`,
  notReviewed: 'Legal review: not recorded yet. Ask your information governance lead to check these claims.',
} as const;
