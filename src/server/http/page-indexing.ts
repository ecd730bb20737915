import { metaDescription } from '../../utils/meta-description.ts';
import { log } from '../log.ts';

/**
 * A function-rendered page that search engines may list. Most function pages must not be listed:
 * check your answers, a confirmation, a status result and a form sent back with errors show one
 * resident's own answers, so the page shell says `noindex` and only a page that asks is let out.
 */
export interface Listing {
  /** The page's one address on the site, like /transparency/: its canonical link and og:url. */
  path: string;
  /** A sentence or two for search results and link previews, as a static page's description. */
  description: string;
}

const escapeAttribute = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The tags the shell's head carries for a page nobody should find (BaseLayout and PageMeta write them). */
const SHELL_TAGS = [
  /<meta name="robots" content="noindex"\s*\/?>/g,
  /<link rel="canonical"[^>]*>/g,
  /<meta name="description"[^>]*>/g,
  /<meta property="og:(?:title|description|url)"[^>]*>/g,
];

/**
 * The filled page's head as a static page's would be for this listing: no `noindex`, a canonical
 * link and og:url at the page's address, and its own description and card title. The site's
 * address is the one the build wrote into the shell (og:url, from SITE_URL), the same one every
 * static page's canonical link uses, so function and static pages name the site alike.
 */
export function listPage(html: string, listing: Listing): string {
  const shellUrl = /<meta property="og:url" content="([^"]+)"/.exec(html)?.[1];
  const title = /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '';
  const description = escapeAttribute(metaDescription(listing.description));
  let head = `<meta name="description" content="${description}"><meta property="og:title" content="${title}"><meta property="og:description" content="${description}">`;
  if (shellUrl) {
    const canonical = escapeAttribute(new URL(listing.path, shellUrl).href);
    head += `<link rel="canonical" href="${canonical}"><meta property="og:url" content="${canonical}">`;
  } else {
    // Only a shell not made by the site build (a test's) lacks it; the page is still listable.
    log.warn('The page shell has no og:url, so the page has no canonical link', { path: listing.path });
  }
  // Only the head is rewritten: the body is the page's own markup, whatever it quotes.
  const end = html.indexOf('</head>');
  const stripped = SHELL_TAGS.reduce((text, tag) => text.replace(tag, ''), html.slice(0, end));
  return stripped.replace('</title>', () => `</title>${head}`) + html.slice(end);
}
