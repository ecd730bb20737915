import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorSummary } from '../../src/forms/components/index.ts';
import { t } from '../../src/i18n/t.ts';
import { renderPage } from '../../src/server/http/page.ts';

/** A STATIC_DIR with the English shell and, if asked, the Urdu one, marked so the test sees which was used. */
function shells(withUrdu: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'clearshare-lang-shell-'));
  const write = (folder: string, html: string) => {
    mkdirSync(join(dir, folder), { recursive: true });
    writeFileSync(join(dir, folder, 'index.html'), html);
  };
  const body = '<body><main><!--page:main--></main></body></html>';
  write('form-shell', `<html lang="en"><head><title>&lt;!--page:title--&gt;</title></head><!--english-shell-->${body}`);
  if (withUrdu)
    write(
      'ur/form-shell',
      `<html lang="ur" dir="rtl"><head><title>&lt;!--page:title--&gt;</title></head><!--urdu-shell-->${body}`,
    );
  return dir;
}

const errors = [{ field: 'who', message: 'x' }];
afterEach(() => vi.restoreAllMocks());

describe('a function answer in the resident language', () => {
  it('is rendered in Urdu into the Urdu shell, right to left', async () => {
    const response = await renderPage({
      title: 'T',
      staticDir: shells(true),
      lang: 'ur',
      body: <ErrorSummary errors={errors} />,
    });
    const html = await response.text();
    expect(html).toMatch(/^<html lang="ur" dir="rtl">/);
    expect(html).toContain('<!--urdu-shell-->');
    // The body's t() calls speak Urdu although renderPage awaited the shell first.
    expect(html).toContain(t('forms.errorSummary.title', {}, 'ur'));
  });

  it('falls back to the English shell, still in Urdu and right to left, when the Urdu shell is missing', async () => {
    const warn = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const response = await renderPage({
      title: 'T',
      staticDir: shells(false),
      lang: 'ur',
      body: <ErrorSummary errors={errors} />,
    });
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<!--english-shell-->');
    expect(html).toMatch(/^<html lang="ur" dir="rtl">/);
    expect(html).toContain(t('forms.errorSummary.title', {}, 'ur'));
    expect(warn.mock.calls.map(([line]) => String(line)).join('')).toContain('Language page shell missing');
  });
});
