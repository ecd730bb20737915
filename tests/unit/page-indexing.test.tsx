import { describe, expect, it } from 'vitest';
import { renderPage } from '../../src/server/http/page.ts';
import { pageShellDir } from '../support/page-shells.ts';

const headOf = (html: string) => html.slice(0, html.indexOf('</head>'));

describe('which function pages search engines may list', () => {
  const staticDir = pageShellDir();

  it('keeps a page out of search engines unless it asks to be listed, as check your answers does', async () => {
    const html = await (
      await renderPage({ title: 'Check your answers', staticDir, body: <p>Sam Example, 485 777 3457</p> })
    ).text();
    expect(headOf(html)).toContain('<meta name="robots" content="noindex">');
    expect(headOf(html)).not.toContain('rel="canonical"');
  });

  it('lists a page that asks: no noindex, a canonical link at the site address, its own description', async () => {
    const html = await (
      await renderPage({
        title: 'Our figures',
        staticDir,
        // A body may quote any markup; only the head is the page's own.
        body: <pre>{'<meta name="robots" content="noindex">'}</pre>,
        listing: {
          path: '/transparency/',
          description: `Figures "for" everyone. ${'Small numbers are hidden. '.repeat(8)}`,
        },
      })
    ).text();
    const head = headOf(html);
    expect(head).not.toContain('noindex');
    expect(head).toContain('<link rel="canonical" href="https://scheme.example/transparency/">');
    expect(head).toContain('<meta property="og:url" content="https://scheme.example/transparency/">');
    expect(head).toContain('<meta property="og:title" content="Our figures - Scheme">');
    expect(head).not.toContain('What the scheme is.');
    const description = /<meta name="description" content="([^"]*)">/.exec(head)?.[1] ?? '';
    expect(description.startsWith('Figures &quot;for&quot; everyone.')).toBe(true);
    expect(description.endsWith('…')).toBe(true);
    expect(head.match(/name="description"/g)).toHaveLength(1);
    expect(html).toContain('&lt;meta name=&quot;robots&quot; content=&quot;noindex&quot;&gt;');
  });

  it("takes the site address from the language's shell, and the path as given", async () => {
    const html = await (
      await renderPage({
        title: 'Nasze liczby',
        staticDir,
        lang: 'pl',
        body: <p>Liczby</p>,
        listing: { path: '/pl/figures/', description: 'Liczby.' },
      })
    ).text();
    expect(headOf(html)).toContain('<link rel="canonical" href="https://scheme.example/pl/figures/">');
  });
});
