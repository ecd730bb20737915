import { blocksToProse, type ReadingAgeResult, readingAgeOfProse } from './reading-age.ts';

/**
 * Reading age of a page as built: the words inside its <main>, as a resident meets them, with the
 * same counting rules as the Markdown gate (src/domain/reading-age.ts). The method, and why each
 * heading, list item, table cell, label and button counts as a sentence, is in docs/reading-age.md.
 *
 * A small tokenizer rather than a DOM: the input is our own Astro output, and walking tags with
 * a stack is enough to tell block boundaries from inline ones and to skip what is not prose.
 */

/** Elements whose edges end a block: what a reader sees as a separate line or box. */
const BLOCK = new Set(
  'address article aside blockquote br button caption dd details dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr label legend li main nav ol option p section select summary table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);

/**
 * Elements whose content is not prose: code, pictures, scripts, and postal addresses (a list of
 * place names, not sentences; counting each line would make a page look easier than it is).
 */
const SKIPPED = new Set(['address', 'code', 'pre', 'script', 'style', 'svg', 'template', 'noscript', 'textarea']);

/** Elements with no closing tag. */
export const VOID = new Set('area base br col embed hr img input link meta source track wbr'.split(' '));

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text a browser shows for HTML's character references ("&amp;" → "&", "&#x27;" → "'"). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** What assistive technology skips is not read either: hidden="" and aria-hidden="true". */
function isHidden(attributes: string): boolean {
  return /(^|\s)hidden(\s|=|$)/i.test(attributes) || /aria-hidden\s*=\s*["']?true/i.test(attributes);
}

/** The blocks of text inside the first <main> of a page (the whole document when there is none). */
export function htmlBlocks(html: string): string[] {
  const main = /<main[\s>][\s\S]*?<\/main>/i.exec(html)?.[0] ?? html;
  const source = main.replace(/<!--[\s\S]*?-->/g, '');
  const blocks: string[] = [];
  let current = '';
  /** Names of open elements we are skipping, innermost last. */
  const skipping: string[] = [];
  const endBlock = () => {
    const text = decodeEntities(current).replace(/\s+/g, ' ').trim();
    if (text !== '') blocks.push(text);
    current = '';
  };

  // A quoted attribute value may hold ">" and "<": an Easy Read picture written into its page is an
  // <img src="data:image/svg+xml,<svg …>…</svg>"> (scripts/inline-pictures.ts).
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let last = 0;
  for (let match = tag.exec(source); match !== null; match = tag.exec(source)) {
    if (skipping.length === 0) current += source.slice(last, match.index);
    last = tag.lastIndex;
    const [, closing, rawName = '', attributes = ''] = match;
    const name = rawName.toLowerCase();
    const selfClosing = VOID.has(name) || attributes.trimEnd().endsWith('/');
    if (skipping.length > 0) {
      if (closing && name === skipping.at(-1)) skipping.pop();
      else if (!closing && !selfClosing && name === skipping.at(-1)) skipping.push(name);
      continue;
    }
    if (BLOCK.has(name)) endBlock();
    if (!closing && !selfClosing && (SKIPPED.has(name) || isHidden(attributes))) skipping.push(name);
  }
  if (skipping.length === 0) current += source.slice(last);
  endBlock();
  return blocks;
}

/** The words of a built page's <main>, one block a line, each ending as a sentence. */
export function htmlToProse(html: string): string {
  return blocksToProse(htmlBlocks(html));
}

/** The reading age of a built page, measured on its <main>. */
export function readingAgeOfHtml(html: string): ReadingAgeResult {
  return readingAgeOfProse(htmlToProse(html));
}
