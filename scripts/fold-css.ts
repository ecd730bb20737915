/**
 * Fewer, fuller stylesheets (issue 20): Astro gives every layout and component with a <style> a
 * stylesheet of its own, so every content page linked site.css and BaseLayout's few hundred bytes,
 * two requests, each with its own gzip header and its own, empty, compression dictionary; a form
 * page linked three (forms.css, site.css, BaseLayout). The purge (scripts/purge-css.ts) folds the
 * sheets that every page of a template links into one file, and points each page at it.
 *
 * The cascade stays exactly as it was: one file holding sheets one after another is read as those
 * sheets linked in that order. So a page loads the folded file only where the members stand
 * together on it, in the folded order, with none of its own sheets between them; any other page
 * keeps its links as they were (the toolkit's list links its own sheet between site.css and
 * BaseLayout).
 *
 * Only sheets that every page links are folded. ContentLayout's sheet (the "Was this page
 * helpful?" box) is on about four in ten content pages: folded in, it would add about 50 bytes gzip
 * to each of the others and take no page under 14 KB, and the translated pages link it after
 * site.css, the others before (docs/page-weight.md). A sheet only a few pages link (the data flow map, the Easy Read
 * pictures) stays separate for the same reason, and so that the folded file is the same file on
 * every page and a second page finds it in the cache.
 */

/** The sheets every page with stylesheets links, in the order they mostly stand in. */
export function foldMembers(orders: string[][]): string[] {
  const linking = orders.filter((order) => order.length > 0);
  const place = (href: string) => linking.reduce((sum, order) => sum + order.indexOf(href), 0);
  const members = [...new Set(linking.flat())]
    .filter((href) => linking.every((order) => order.includes(href)))
    .sort((a, b) => place(a) - place(b));
  return members.length > 1 ? members : [];
}

/** Whether a page with these links can load the folded file instead: its members stand together, in the folded order. */
export function canFold(order: string[], members: string[]): boolean {
  const start = order.indexOf(members[0] ?? '');
  return start >= 0 && members.every((href, index) => order[start + index] === href);
}

/** A page's HTML linking `folded` where it linked the first member, and no longer the others. */
export function linkFolded(html: string, members: string[], folded: string): string {
  let placed = false;
  return html.replace(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"[^>]*>/g, (tag, href: string) => {
    if (!members.includes(href)) return tag;
    if (placed) return '';
    placed = true;
    return tag.replace(`href="${href}"`, `href="${folded}"`);
  });
}

const CHARSET = /^@charset "[^"]*";/;

/**
 * The members' CSS one after another. `@charset` may only open a file, so one from any member
 * opens the folded file. `@import` and `@layer` would make a folded file mean something else (an
 * import must come first; layers are ordered where they first appear): a member with either is
 * refused, and nothing is folded.
 */
export function foldedCss(sheets: string[]): string | undefined {
  if (sheets.some((css) => /@import\b|@layer\b/.test(css))) return undefined;
  const charset = sheets.map((css) => CHARSET.exec(css)?.[0]).find(Boolean);
  return (charset ?? '') + sheets.map((css) => css.replace(CHARSET, '')).join('\n');
}
