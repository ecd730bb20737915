import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorSummary } from '../../src/forms/components/index.ts';
import { renderPage } from '../../src/server/http/page.ts';

describe('function responses render into the site page shell', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearshare-shell-'));
  mkdirSync(join(dir, 'form-shell'));
  writeFileSync(
    join(dir, 'form-shell', 'index.html'),
    '<html><head><title>&lt;!--page:title--&gt; - Scheme</title></head><body><main><!--page:main--></main></body></html>',
  );

  it('puts the escaped title and the rendered body in place, uncached', async () => {
    const response = await renderPage({
      title: 'Error: Who is it for? <script>',
      status: 422,
      staticDir: dir,
      body: <ErrorSummary errors={[{ field: 'who', message: 'Select who the opt-out is for' }]} />,
    });
    const html = await response.text();
    expect(response.status).toBe(422);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('<title>Error: Who is it for? &lt;script&gt; - Scheme</title>');
    expect(html).toContain('<a href="#who">Select who the opt-out is for</a>');
    expect(html).toContain('autofocus');
  });

  it('says plainly when the site has not been built', async () => {
    await expect(renderPage({ title: 'x', staticDir: join(dir, 'missing'), body: <p /> })).rejects.toThrow(
      /run the site build/,
    );
  });
});
