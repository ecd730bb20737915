import { markdownToProse } from '../domain/reading-age.ts';

/**
 * Plain words from a Markdown body, for search and structured data. It reuses the reading-age
 * gate's stripper, so what search matches is exactly the prose residents read.
 */
export function plainText(markdown: string | undefined): string {
  return markdownToProse(markdown ?? '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** The opening of a text, cut at a word boundary, for result lists. */
export function snippet(text: string, maxLength = 160): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength + 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > maxLength / 2 ? lastSpace : maxLength).replace(/[\s,;:.]+$/, '')}…`;
}

/** "2026-03-09": calendar dates are stored at midnight UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
