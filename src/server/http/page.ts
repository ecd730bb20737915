import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DEFAULT_LANGUAGE, dir, inLanguage, type Language } from '../../i18n/languages.ts';
import { describeError, log } from '../log.ts';
import { type Listing, listPage } from './page-indexing.ts';
import { addNonce, functionPageHeaders, newNonce } from './security-headers.ts';
import { wholeTextResponse } from './whole-body.ts';

/**
 * Renders a function's HTML response into the page shell the site build emits
 * (dist/form-shell/index.html), so a no-JavaScript response looks exactly like the static pages.
 */
const shells = new Map<string, Promise<string>>();

function loadShell(staticDir: string, lang: Language): Promise<string> {
  // Each language's shell has its header, footer and <html lang dir> (/pl/form-shell/).
  const file =
    lang === DEFAULT_LANGUAGE
      ? resolve(staticDir, 'form-shell', 'index.html')
      : resolve(staticDir, lang, 'form-shell', 'index.html');
  let shell = shells.get(file);
  if (!shell) {
    shell = readFile(file, 'utf8').catch((error: unknown) => {
      shells.delete(file);
      throw new Error(`The page shell ${file} is missing: run the site build first`, { cause: error });
    });
    shells.set(file, shell);
  }
  return shell;
}

/**
 * The shell in the resident's language. A language's shell missing from a deployment (netlify.toml's
 * included_files) must not turn a Polish resident's answer into an error page: the English shell is
 * used, the page still in their language and direction (set below), and the gap is logged.
 */
async function shellFor(staticDir: string, lang: Language): Promise<string> {
  if (lang === DEFAULT_LANGUAGE) return loadShell(staticDir, lang);
  try {
    return await loadShell(staticDir, lang);
  } catch (error) {
    log.warn('Language page shell missing; the English shell was used', { lang, error: describeError(error) });
    return loadShell(staticDir, DEFAULT_LANGUAGE);
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export interface PageOptions {
  /** The page title (before the scheme name). Prefix "Error: " when the page shows errors (GOV.UK pattern). */
  title: string;
  body: ReactElement;
  status?: number;
  staticDir: string;
  /** The language the resident used: the body is rendered in it, into that language's shell. */
  lang?: Language;
  /**
   * Given only for a page meant to be found (/transparency/): its address and description, and no
   * `noindex`. Left out, the page keeps the shell's `noindex`: the default, because most function
   * pages show one resident's own answers, reference or status.
   */
  listing?: Listing;
}

/**
 * A complete HTML page. Personal data may be on it, so it is never cached. Its Content-Security-Policy
 * allows inline scripts only with this response's nonce, added to the shell's own <script> tags.
 */
export async function renderPage({
  title,
  body,
  status = 200,
  staticDir,
  lang = DEFAULT_LANGUAGE,
  listing,
}: PageOptions): Promise<Response> {
  const nonce = newNonce();
  const shell = addNonce(await shellFor(staticDir, lang), nonce)
    // Whatever the shell's layout says, the page is in the resident's language and direction.
    .replace(/<html lang="[^"]*"(?: dir="[^"]*")?/, `<html lang="${lang}" dir="${dir(lang)}"`);
  const filled = shell
    // Astro escapes the title marker inside <title>; the main marker is set as raw HTML. Replacer
    // functions, so a "$`" someone typed is not read as "the shell up to here" (its nonced scripts).
    .replace('&lt;!--page:title--&gt;', () => escapeHtml(title))
    .replace('<!--page:main-->', () => inLanguage(lang, () => renderToStaticMarkup(body)));
  const html = listing ? listPage(filled, listing) : filled;
  return wholeTextResponse(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...functionPageHeaders(nonce) },
  });
}
