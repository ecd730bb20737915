import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { INLINE_LIMIT, inlinePictures, inlineSource, svgDataUri } from '../../scripts/inline-pictures.ts';

const SET = 'public/images/easy-read';
const pictures = readdirSync(SET).filter((name) => name.endsWith('.svg'));
const read = (address: string) => {
  const name = address.replace('/images/easy-read/', '');
  return pictures.includes(name) ? readFileSync(join(SET, name), 'utf8') : undefined;
};

/** What the browser does: the attribute's character references, then the URL's percent-encoding. */
const decode = (attribute: string) =>
  decodeURIComponent(attribute.replace('data:image/svg+xml,', '').replaceAll('&amp;', '&'));

const withoutName = (svg: string) =>
  svg
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/\saria-labelledby="[^"]*"/g, '')
    .replace(/\s+/g, ' ')
    .replace(/>\s+</g, '><')
    .trim();

describe('Easy Read pictures written into the page', () => {
  it('every picture in the set decodes to the same drawing, in single quotes, without its own title', () => {
    expect(pictures.length).toBeGreaterThan(20);
    for (const name of pictures) {
      const svg = readFileSync(join(SET, name), 'utf8');
      const uri = inlineSource(svg);
      expect(uri, name).toBeDefined();
      // Nothing in it can end the HTML attribute or start a character reference by mistake.
      expect(uri, name).not.toMatch(/["#]|&(?!amp;)/);
      expect(decode(uri ?? ''), name).toBe(withoutName(svg).replaceAll('"', "'"));
    }
  });

  it('keeps what would change the drawing if read wrongly: %, #, quotes and & inside the SVG', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text fill="#005eb8" font-family="'Frutiger'">50% & "more"</text></svg>`;
    const uri = svgDataUri(svg);
    expect(uri).not.toMatch(/["#]/);
    expect(decode(uri)).toBe(svg.replaceAll('"', "'"));
  });

  it('points the img at the picture and leaves its alt, size and other attributes alone', () => {
    const html =
      '<p><img src="/images/easy-read/record.svg" alt="A health record folder with notes" width="120" height="120" data-astro-cid-x> Your record.</p>';
    const out = inlinePictures(html, read);
    expect(out).toMatch(
      /^<p><img src="data:image\/svg\+xml,[^"]+" alt="A health record folder with notes" width="120" height="120" data-astro-cid-x> Your record.<\/p>$/,
    );
  });

  it('leaves as files an upload outside the set, a missing picture, one over the limit and one without its namespace', () => {
    const html = [
      '<img src="/images/uploads/practice.png" alt="Our practice">',
      '<img src="/images/easy-read/not-there.svg" alt="Missing">',
    ].join('');
    expect(inlinePictures(html, read)).toBe(html);
    const big = `<svg xmlns="http://www.w3.org/2000/svg">${'<path d="M0 0h1"/>'.repeat(INLINE_LIMIT / 10)}</svg>`;
    expect(inlineSource(big)).toBeUndefined();
    expect(inlineSource('<svg viewBox="0 0 1 1"><path d="M0 0h1"/></svg>')).toBeUndefined();
  });

  it('makes an Easy Read page lighter than the page plus its pictures as files', () => {
    const addresses = pictures.slice(0, 12).map((name) => `/images/easy-read/${name}`);
    const html = addresses
      .map((address, i) => `<p><img src="${address}" alt="Picture ${i}"> Point ${i}.</p>`)
      .join('\n');
    const asFiles = gzipSync(html).length + addresses.reduce((sum, a) => sum + gzipSync(read(a) ?? '').length, 0);
    const inline = gzipSync(inlinePictures(html, read)).length;
    expect(inline).toBeLessThan(asFiles * 0.6);
  });
});
