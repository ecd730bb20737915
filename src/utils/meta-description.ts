/** Search results show about 160 characters of a page's description (Google trims longer ones). */
export const META_DESCRIPTION_MAX = 160;

/**
 * A page's summary as a meta description: one line, at most 160 characters, cut at the last whole
 * word with an ellipsis so a search result never ends mid-word. Summaries of updates and events may
 * run to 280 characters (src/schemas/update.ts), so most fit and the rest lose their tail.
 */
export function metaDescription(summary: string, max = META_DESCRIPTION_MAX): string {
  const text = summary.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
