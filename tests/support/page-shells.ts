import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A STATIC_DIR holding page shells like the ones the site build emits (form-shell for public
 * function pages, staff-shell for the back office), so tests that render pages need no build.
 * Each shell has an inline script, as the real ones do, so the nonce is exercised.
 */
export function pageShellDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clearshare-shells-'));
  // As in the build: the form shell holds <main> around the marker; the staff layout brings its own.
  // The form shell's description and og:url are PageMeta's, which a page meant to be found replaces.
  const shell = (title: string, body: string, meta = '') =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} - Scheme</title>${meta}<meta name="robots" content="noindex"><script type="module">document.documentElement.classList.add('js')</script></head><body>${body}</body></html>`;
  const formMeta = (path: string) =>
    `<meta name="description" content="What the scheme is."><meta property="og:url" content="https://scheme.example${path}">`;
  mkdirSync(join(dir, 'form-shell'));
  writeFileSync(
    join(dir, 'form-shell', 'index.html'),
    shell(
      '&lt;!--page:title--&gt;',
      '<main class="nhsuk-main-wrapper" id="maincontent"><!--page:main--></main>',
      formMeta('/form-shell/'),
    ),
  );
  // Each translated language's shell, as the build emits at /pl/form-shell/ and /ur/form-shell/.
  for (const [lang, dir_] of [
    ['pl', 'ltr'],
    ['ur', 'rtl'],
  ]) {
    mkdirSync(join(dir, `${lang}/form-shell`), { recursive: true });
    writeFileSync(
      join(dir, `${lang}/form-shell`, 'index.html'),
      shell(
        '&lt;!--page:title--&gt;',
        '<main class="nhsuk-main-wrapper" id="maincontent"><!--page:main--></main>',
        formMeta(`/${lang}/form-shell/`),
      ).replace('<html lang="en">', `<html lang="${lang}" dir="${dir_}">`),
    );
  }
  mkdirSync(join(dir, 'staff-shell'));
  writeFileSync(join(dir, 'staff-shell', 'index.html'), shell('&lt;!--staff:title--&gt;', '<!--staff:body-->'));
  return dir;
}
