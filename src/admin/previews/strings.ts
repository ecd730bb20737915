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
