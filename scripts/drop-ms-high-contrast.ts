import postcss from 'postcss';

/**
 * `-ms-high-contrast` is the media feature of Internet Explorer and of Edge before it moved to
 * Chromium (EdgeHTML, versions 12 to 18); no browser in support reads it. NHS.UK frontend still
 * writes it beside `forced-colors` (`@media screen and (forced-colors: active), (-ms-high-contrast:
 * active)`). Its own statement of browser support (docs/contributing/browser-support.md, "How we
 * provide support for different browsers", read 2026-12-07 at nhsuk/nhsuk-frontend 540f1e3) gives
 * Internet Explorer 11 "Limited" support (no bug fixes, no regular testing) and Edge 16 to 18
 * "Necessary" (enhancements "as much as possible", the task still possible); Microsoft ended
 * support for that Edge in March 2021 and Windows Update replaced it with Chromium Edge, which
 * reads `forced-colors`. What is left for those two browsers in a Windows contrast theme is the
 * theme's own colours, without NHS.UK's extra outlines; every page and form still works.
 *
 * So each media query list loses its `-ms-high-contrast` queries and keeps the rest: the
 * `forced-colors` query stays, because Windows contrast themes in Chrome, Edge and Firefox need it.
 * A block that was only for `-ms-high-contrast` goes. About 64 bytes gzip off site.css.
 */
const LEGACY = /-ms-high-contrast/;

/** Splits a media query list at its top-level commas (a comma inside brackets is not a separator). */
function mediaQueries(params: string): string[] {
  const queries: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < params.length; index += 1) {
    const character = params[index];
    if (character === '(') depth += 1;
    else if (character === ')') depth -= 1;
    else if (character === ',' && depth === 0) {
      queries.push(params.slice(start, index));
      start = index + 1;
    }
  }
  return [...queries, params.slice(start)];
}

/** The stylesheet without the `-ms-high-contrast` media queries, and the blocks only they had. */
export function dropMsHighContrast(css: string): string {
  if (!LEGACY.test(css)) return css;
  const root = postcss.parse(css);
  root.walkAtRules('media', (atRule) => {
    if (!LEGACY.test(atRule.params)) return;
    const kept = mediaQueries(atRule.params).filter((query) => !LEGACY.test(query));
    if (kept.length === 0) atRule.remove();
    else atRule.params = kept.map((query) => query.trim()).join(',');
  });
  return root.toString();
}
