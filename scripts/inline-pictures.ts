import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A step of `npm run build`, after Astro's build and before the CSS purge (issue 20): the Easy
 * Read pictures from `public/images/easy-read/` are written into the page as `data:` addresses.
 *
 * Why: each picture is a 120 by 120 SVG of about 600 bytes, and an Easy Read page shows 12 to 19
 * of them. Sent as files, each is compressed on its own (300 bytes or so each, 5.9 KB for the Easy
 * Read privacy notice); written into the page they compress together with it (1.6 KB more HTML
 * for the same page), which brings most Easy Read pages near what a phone gets in its first round
 * trip. The picture stays an `<img>` with its `alt`, so what a screen reader says, the layout
 * rules and the printed leaflets are unchanged. The Content Security Policy allows `data:` images
 * (`src/server/http/security-headers.ts`).
 *
 * What stays a file: any picture that is not in the set (an editor's upload, a PNG), a picture
 * over INLINE_LIMIT, and an SVG without its namespace (a `data:` SVG needs it to draw). The files
 * stay in the build too: the CMS and anyone linking to a picture still find it.
 */
export const PICTURES = '/images/easy-read/';
/** Larger pictures are cheaper as a file the browser can keep between pages. */
export const INLINE_LIMIT = 2048;

const IMG_SRC = /(<img\b[^>]*?\ssrc=")(\/images\/easy-read\/[a-z0-9-]+\.svg)(")/g;

/**
 * An SVG as a `data:` address to write inside a double-quoted HTML attribute. The SVG's own
 * <title> and its aria-labelledby go: a picture in an <img> is named by the img's alt, and the
 * browser never reads the title inside. Percent-encodes only what a URL or the attribute needs
 * (`%`, `#`, quotes) and `&` for the attribute; `<` and `>` may stand in a quoted attribute and stay,
 * which keeps the text compressible.
 */
export function svgDataUri(svg: string): string {
  const text = svg
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/\saria-labelledby="[^"]*"/g, '')
    .replace(/\s+/g, ' ')
    .replace(/>\s+</g, '><')
    .trim()
    .replace(/%/g, '%25')
    .replace(/#/g, '%23')
    .replace(/'/g, '%27')
    .replace(/"/g, "'")
    .replace(/&/g, '&amp;');
  return `data:image/svg+xml,${text}`;
}

/** The picture's `data:` address, or undefined when it stays a file (see the header). */
export function inlineSource(svg: string | undefined): string | undefined {
  if (svg === undefined || Buffer.byteLength(svg) > INLINE_LIMIT) return undefined;
  if (!/^\s*(?:<\?xml[^>]*\?>\s*)?<svg\b[^>]*\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg)) return undefined;
  return svgDataUri(svg);
}

/** A page's HTML with its Easy Read pictures written in; `read` gives a picture's SVG by its address. */
export function inlinePictures(html: string, read: (address: string) => string | undefined): string {
  return html.replace(IMG_SRC, (whole, before: string, address: string, after: string) => {
    const source = inlineSource(read(address));
    return source === undefined ? whole : `${before}${source}${after}`;
  });
}

/**
 * Writes the pictures into every built page in `dist`; returns every page's HTML by file, as it
 * now is, so the CSS purge that follows does not read the site again.
 */
export function inlinePicturesInDist(dist: string): Map<string, string> {
  const cache = new Map<string, string | undefined>();
  const read = (address: string) => {
    if (!cache.has(address)) {
      const file = join(dist, address);
      cache.set(address, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
    }
    return cache.get(address);
  };
  const pages = new Map<string, string>();
  for (const name of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.html')) continue;
    const file = join(dist, name);
    const html = readFileSync(file, 'utf8');
    const next = html.includes(PICTURES) ? inlinePictures(html, read) : html;
    if (next !== html) writeFileSync(file, next);
    pages.set(file, next);
  }
  return pages;
}
