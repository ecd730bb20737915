import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createScratchRepo, startLocalBackend } from '../../src/admin/local-backend.ts';
import { loadFunctions } from '../../src/server/http/load-functions.ts';
import { staffRoutes } from '../../src/server/staff/routes.ts';
import { headersForPath, parseHeadersFile } from '../platform/cdn.ts';
import { type APIResponse, expect, test } from '../support/playwright-test.ts';
import {
  builtPages,
  distDir,
  expectCommonHeaders,
  expectedScriptHashes,
  expectIslandsHydrated,
  expectPagePolicy,
  parsePolicy,
  watchForViolations,
} from './security-headers-support.ts';
import { signInAs } from './staff-support.ts';

/**
 * Security headers (docs/security-headers.md), against the real server and the real build: every
 * route answers with them, each page's policy allows exactly its own inline scripts, and in a
 * browser no page, form, staff screen or the content manager trips the policy.
 */

/** The policy each built page gets on Netlify, read from the generated dist/_headers. */
function netlifyPolicies(): Map<string, string> {
  const policies = new Map<string, string>();
  let path = '';
  for (const line of readFileSync(join(distDir, '_headers'), 'utf8').split('\n')) {
    if (line.startsWith('/')) path = line.trim();
    const policy = /^\s+Content-Security-Policy: (.*)$/.exec(line)?.[1];
    if (policy) policies.set(path, policy);
  }
  return policies;
}

/** A concrete address for a route pattern: parameters and wildcards filled with harmless values. */
const concrete = (pattern: string) => pattern.replace(/:\w+/g, 'AB3CD5EF').replace(/\*$/, 'no-such-page');

/** Everything an answer about one person's request must say about caching. */
function expectNotCached(response: APIResponse, label: string): void {
  expect(response.headers()['cache-control'], `Cache-Control on ${label}`).toBe('no-store');
}

function expectNoncePage(response: APIResponse, html: string, label: string, cacheable = false): string {
  const headers = response.headers();
  const scripts = expectPagePolicy(headers, label).get('script-src') ?? [];
  const nonce = /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(scripts.find((s) => s.startsWith("'nonce-")) ?? '')?.[1];
  expect(nonce, `a nonce in the policy of ${label}`).toBeDefined();
  expect(
    scripts.filter((s) => s.startsWith("'sha256-")),
    `no hashes on ${label}`,
  ).toEqual([]);
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  for (const tag of tags) expect(tag, `every script on ${label} carries the nonce`).toContain(`nonce="${nonce}"`);
  if (!cacheable) expectNotCached(response, label);
  return nonce ?? '';
}

test.describe('every route answers with the security headers', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'HTTP only: once is enough');

  test('every built page: its own inline scripts by hash, nothing else inline, the same policy as on Netlify', async ({
    request,
  }) => {
    const pages = builtPages();
    expect(pages.length).toBeGreaterThan(50);
    const netlify = netlifyPolicies();
    const netlifyRules = parseHeadersFile(readFileSync(join(distDir, '_headers'), 'utf8'));
    let hashed = 0;
    for (const { urlPath } of pages) {
      const response = await request.get(urlPath, { maxRedirects: 0 });
      expect(response.status(), urlPath).toBe(200);
      const headers = response.headers();
      expectCommonHeaders(headers, urlPath);
      const policy = expectPagePolicy(headers, urlPath);
      const html = await response.text();
      const hashes = (policy.get('script-src') ?? []).filter((s) => s.startsWith("'sha256-")).sort();
      if (urlPath === '/admin/') {
        // Decap compiles its config schema with ajv (new Function): measured, see the CMS test below.
        expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-eval'"]);
        expect(policy.get('default-src')).toEqual(["'none'"]);
        expect(headers['cross-origin-opener-policy']).toBe('same-origin-allow-popups');
        // On Netlify the admin may not talk to a decap-server on the visitor's machine.
        expect(parsePolicy(netlify.get(urlPath) ?? '').get('connect-src')).not.toContain('http://localhost:8081');
        continue;
      }
      expect(policy.get('script-src'), `no eval on ${urlPath}`).not.toContain("'unsafe-eval'");
      expect(hashes, `script hashes of ${urlPath}`).toEqual(expectedScriptHashes(html));
      expect(headers['cross-origin-opener-policy'], urlPath).toBe('same-origin');
      expect(netlify.get(urlPath), `dist/_headers policy for ${urlPath}`).toBe(headers['content-security-policy']);
      // One rule per page: Netlify matches it with or without the trailing slash (as the CDN
      // stand-in does, following Netlify's parser), so the address without it gets the same policy.
      if (urlPath.endsWith('/') && urlPath !== '/') {
        const applied = headersForPath(netlifyRules, urlPath.slice(0, -1));
        expect(applied['Content-Security-Policy'] ?? applied['content-security-policy'], urlPath).toBe(
          netlify.get(urlPath),
        );
      }
      hashed += hashes.length;
    }
    // The island loaders and the staff idle warning are inline: if none were found, the check checked nothing.
    expect(hashed).toBeGreaterThan(0);
  });

  test('every function route, for GET and POST, with JSON, a form and garbage', async ({ request }) => {
    const functions = (await loadFunctions()).filter((fn) => 'path' in fn.config);
    expect(functions.map((fn) => fn.name)).toContain('csp-report');
    for (const fn of functions) {
      if (!('path' in fn.config)) continue;
      const methods = [fn.config.method ?? 'GET'].flat().filter((m) => m === 'GET' || m === 'POST');
      for (const pattern of [fn.config.path].flat()) {
        const url = concrete(pattern);
        for (const method of methods) {
          const attempts =
            method === 'GET'
              ? [request.get(url, { maxRedirects: 0 })]
              : [
                  request.post(url, { data: { fullName: '<script>alert(1)</script>' }, maxRedirects: 0 }),
                  request.post(url, { form: { nothing: 'here' }, maxRedirects: 0 }),
                  request.post(url, { data: 'not json {', headers: { 'content-type': 'application/json' } }),
                  request.post(url, { data: 'x', headers: { 'content-type': 'text/plain' }, maxRedirects: 0 }),
                ];
          for (const response of await Promise.all(attempts)) {
            const label = `${method} ${url} → ${response.status()}`;
            expect(response.status(), label).toBeLessThan(500);
            const headers = response.headers();
            expectCommonHeaders(headers, label);
            const html = headers['content-type']?.includes('text/html');
            if (html) expectPagePolicy(headers, label);
            else
              expect(parsePolicy(headers['content-security-policy'] ?? '').get('default-src'), label).toEqual([
                "'none'",
              ]);
            // The public figures are the one function answer about nobody: cached for minutes on purpose.
            if (url === '/transparency/' && response.status() === 200) {
              expect(headers['cache-control']).toMatch(/^public, max-age=\d+/);
            } else {
              expectNotCached(response, label);
            }
          }
        }
      }
    }
  });

  test('every staff route, signed out, as a page and as JSON', async ({ request }) => {
    expect(staffRoutes.length).toBeGreaterThan(20);
    for (const route of staffRoutes) {
      const url = concrete(route.path);
      const asJson = { accept: 'application/json' };
      const responses =
        route.method === 'GET'
          ? [await request.get(url, { maxRedirects: 0 }), await request.get(url, { maxRedirects: 0, headers: asJson })]
          : [await request.post(url, { form: { csrfToken: 'forged' }, maxRedirects: 0 })];
      for (const response of responses) {
        const label = `${route.method} ${url} → ${response.status()}`;
        expect(response.status(), label).toBeLessThan(500);
        expectCommonHeaders(response.headers(), label);
        expect(response.headers()['referrer-policy'], label).toBe('no-referrer');
        expectNotCached(response, label);
        if (response.headers()['content-type']?.includes('text/html'))
          expectNoncePage(response, await response.text(), label);
      }
    }
  });

  test('function pages get a fresh nonce on every response, on every script', async ({ request }) => {
    const nonces = new Set<string>();
    for (const url of ['/staff/sign-in', '/staff/sign-in', '/transparency/', '/transparency/']) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      const html = await response.text();
      // The public figures may be cached for minutes (no personal data, no inline script in their shell).
      nonces.add(expectNoncePage(response, html, url, url === '/transparency/') || 'missing');
      if (url.startsWith('/staff/')) expect(html, 'the staff shell has its idle-warning script').toMatch(/<script\b/);
    }
    expect(nonces.size).toBe(4);
    // A form posted without JavaScript comes back as a function page, with the person's answers on it.
    const errors = await request.post('/api/opt-out/submit', { form: { who: 'self', fullName: 'Ada $` Lovelace' } });
    expect(errors.headers()['content-type']).toContain('text/html');
    const html = await errors.text();
    expectNoncePage(errors, html, 'the opt-out form with errors');
    expect(html.match(/<html\b/g), 'the page is one page, whatever was typed').toHaveLength(1);
  });

  test('the 404 page, a static asset, JSON answers and error answers', async ({ request }) => {
    const missing = await request.get('/no-such-page/');
    expect(missing.status()).toBe(404);
    expectCommonHeaders(missing.headers(), '404');
    expectPagePolicy(missing.headers(), '404');
    expectNotCached(missing, '404');

    const netlifyRules = await request.get('/_headers');
    expect(netlifyRules.status(), 'the build’s Netlify rules are not served').toBe(404);

    const home = await (await request.get('/')).text();
    const stylesheet = /href="(\/_astro\/[^"]+\.css)"/.exec(home)?.[1] ?? '';
    for (const asset of [stylesheet, '/favicon.svg', '/sitemap-index.xml']) {
      const response = await request.get(asset);
      expect(response.status(), asset).toBe(200);
      expectCommonHeaders(response.headers(), asset);
      expect(parsePolicy(response.headers()['content-security-policy'] ?? '').get('default-src'), asset).toEqual([
        "'none'",
      ]);
    }
    expect((await request.get(stylesheet)).headers()['cache-control']).toContain('immutable');

    const health = await request.get('/api/health');
    expect(health.status()).toBe(200);
    expectNotCached(health, '/api/health');
    const invalid = await request.post('/api/opt-out', { data: {} });
    expect(invalid.status()).toBe(422);
    expectCommonHeaders(invalid.headers(), 'a 422 JSON answer');
    expectNotCached(invalid, 'a 422 JSON answer');
    const wrongType = await request.post('/api/feedback', { data: 'x', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status()).toBe(415);
    expectNotCached(wrongType, 'a 415 answer');
    const report = await request.post('/api/csp-report', {
      data: { 'csp-report': { 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline' } },
      headers: { 'content-type': 'application/csp-report' },
    });
    expect(report.status()).toBe(204);
    expectCommonHeaders(report.headers(), 'the report endpoint');
  });
});

test.describe('the policy does not break the site', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the policy is about scripts');

  test('every built page loads with no violation, and its islands hydrate', async ({ page }) => {
    test.setTimeout(180_000);
    const problems = await watchForViolations(page);
    for (const { urlPath } of builtPages()) {
      if (urlPath === '/admin/') continue; // needs its backend: the content manager test below
      await page.goto(urlPath);
      await expectIslandsHydrated(page);
    }
    expect(problems).toEqual([]);
  });

  test('a resident uses the opt-out form, the contact form and search with no violation', async ({ page }) => {
    const problems = await watchForViolations(page);
    await page.goto('/opt-out/form/');
    await expectIslandsHydrated(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('There is a problem')).toBeVisible();
    expect(page.url(), 'the island checked the answers in the page').toContain('/opt-out/form/');

    await page.goto('/contact/');
    await expectIslandsHydrated(page);
    await page.getByRole('button', { name: 'Send message' }).click();
    await expect(page.getByText('There is a problem')).toBeVisible();

    await page.goto('/search/');
    await expectIslandsHydrated(page);
    await page.getByRole('searchbox', { name: 'Search this website' }).fill('sold');
    await expect(page.getByText(/results? for “sold”/)).toBeVisible();

    await page.goto('/opt-out/status/');
    await expectIslandsHydrated(page);
    expect(problems).toEqual([]);
  });

  test('staff sign in and use the back office with no violation', async ({ page }) => {
    const problems = await watchForViolations(page);
    await signInAs(page, 'comms');
    await page.goto('/staff/feedback');
    await page.goto('/staff/reports');
    // The idle warning is the shell's inline script: with its nonce it runs and marks the page.
    expect(await page.evaluate(() => document.querySelectorAll('script[nonce]').length)).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  test('an officer signs in to the content manager, opens an entry and uploads an image with no violation', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const repo = createScratchRepo(join(import.meta.dirname, '..', '..'));
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const backend = await startLocalBackend({ repoDir: repo.dir, port });
    try {
      const problems = await watchForViolations(page);
      await page.route('http://localhost:8081/api/v1', async (route) => {
        try {
          await route.fulfill({ response: await route.fetch({ url: backend.url }) });
        } catch {
          await route.abort().catch(() => undefined);
        }
      });
      await page.goto('/admin/');
      await page.getByRole('button', { name: 'Login' }).click();
      await expect(page.getByRole('heading', { name: 'Collections' })).toBeVisible();
      await page.goto('about:blank');
      await page.goto('/admin/#/collections/faqs/new');
      await page.getByLabel('Question', { exact: true }).fill('Can I ask for a copy of my record?');
      await page.locator('[contenteditable="true"]').click();
      await page.keyboard.type('Yes.');
      await expect(
        page.frameLocator('iframe').getByRole('heading', { name: 'Can I ask for a copy of my record?' }),
      ).toBeVisible();
      await page.goto('about:blank');
      await page.goto('/admin/#/collections/faqs');
      await page.getByRole('button', { name: 'Media' }).click();
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      );
      await page.locator('input[type=file]').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
      await expect
        .poll(() =>
          page
            .locator('img[src^="blob:"]')
            .evaluateAll((images) => images.map((i) => (i as HTMLImageElement).naturalWidth)),
        )
        .toContain(1);
      expect(problems).toEqual([]);
    } finally {
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await backend.stop();
      repo.remove();
    }
  });
});
