import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/**
 * Where a content page asked for without its slash lives (/faqs → /faqs/), so shared links
 * without the slash still work.
 *
 * The Location is built from the path as it arrived, still encoded, never from the decoded one:
 * decoding `/%2Fevil.com%2F..%2Ffaqs` gives `//evil.com/../faqs`, which a browser reads as
 * another site (an open redirect, issue 15). A path that starts `//` or `/\` once decoded is
 * no page of ours and is refused outright ('refuse', answered 404), as is a malformed escape;
 * the folder found must also lie inside the built site.
 */
export function trailingSlashTarget(url: URL, staticDir: string): string | 'refuse' | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return 'refuse';
  }
  if (/^\/[/\\]/.test(decoded)) return 'refuse';
  if (decoded.endsWith('/') || /\.[a-z0-9]+$/i.test(decoded)) return undefined;
  const folder = resolve(staticDir, `.${decoded}`);
  if (!folder.startsWith(`${staticDir}${sep}`) || !existsSync(join(folder, 'index.html'))) return undefined;
  return `${url.pathname}/${url.search}`;
}
