import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

/**
 * Checks shared by the security-header journeys (tests/e2e/security-headers.spec.ts). The hashes
 * are worked out here independently of src/server/http/security-headers.ts, so a mistake there
 * cannot hide itself.
 */

export const distDir = join(import.meta.dirname, '..', '..', 'dist');

/** Every built page as [URL path, file], from walking dist/ (the site as Netlify publishes it). */
export function builtPages(): { urlPath: string; file: string }[] {
  return (readdirSync(distDir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.html'))
    .map((file) => {
      const path = `/${file.split('\\').join('/')}`;
      return { urlPath: path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path, file };
    })
    .sort((a, b) => a.urlPath.localeCompare(b.urlPath));
}

/** The policy as a map of directive → sources. */
export function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

/** sha256 sources of the scripts a browser would run inline (no src, a JavaScript type). */
export function expectedScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes = '', text = ''] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (attributes.includes('src=')) continue;
    const type = /type="([^"]*)"/.exec(attributes)?.[1];
    if (type !== undefined && type !== 'module' && type !== 'text/javascript') continue;
    hashes.add(`'sha256-${createHash('sha256').update(text).digest('base64')}'`);
  }
  return [...hashes].sort();
}

/** The headers every response must carry, whatever it is. */
export function expectCommonHeaders(headers: Record<string, string>, label: string): void {
  const hsts = /max-age=(\d+)/.exec(headers['strict-transport-security'] ?? '');
  expect(Number(hsts?.[1] ?? 0), `HSTS of at least a year on ${label}`).toBeGreaterThanOrEqual(31_536_000);
  expect(headers['x-content-type-options'], `nosniff on ${label}`).toBe('nosniff');
  expect(headers['referrer-policy'], `Referrer-Policy on ${label}`).toMatch(
    /^(no-referrer|strict-origin-when-cross-origin|same-origin)$/,
  );
  expect(headers['permissions-policy'], `Permissions-Policy on ${label}`).toContain('camera=()');
  expect(headers['permissions-policy']).toContain('geolocation=()');
  const policy = parsePolicy(headers['content-security-policy'] ?? '');
  expect(policy.get('frame-ancestors'), `frame-ancestors on ${label}`).toEqual(["'none'"]);
  expect(policy.get('base-uri'), `base-uri on ${label}`).toEqual(["'none'"]);
}

/** An HTML page's policy: locked down, reporting, and no inline script allowed by keyword. */
export function expectPagePolicy(headers: Record<string, string>, label: string): Map<string, string[]> {
  const policy = parsePolicy(headers['content-security-policy'] ?? '');
  const scripts = policy.get('script-src') ?? [];
  expect(scripts, `script-src on ${label}`).toContain("'self'");
  expect(scripts, `no 'unsafe-inline' scripts on ${label}`).not.toContain("'unsafe-inline'");
  expect(policy.get('object-src'), `object-src on ${label}`).toEqual(["'none'"]);
  expect(policy.get('report-uri'), `report-uri on ${label}`).toEqual(['/api/csp-report']);
  expect(headers['reporting-endpoints'], `Reporting-Endpoints on ${label}`).toBe('csp="/api/csp-report"');
  return policy;
}

/**
 * Records every Content-Security-Policy violation and console error in this page, across
 * navigations, and every report sent to the report endpoint. Call before the first goto.
 */
export async function watchForViolations(page: Page): Promise<string[]> {
  const problems: string[] = [];
  // An init script is added by the browser itself, so the page's policy does not apply to it.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.log(`csp-violation: ${event.effectiveDirective} blocked ${event.blockedURI} in ${event.sourceFile}`);
    });
  });
  page.on('console', (message) => {
    // An answer's status (a 404 favicon) is not the policy's business; a blocked load is reported above.
    if (message.text().startsWith('Failed to load resource: the server responded')) return;
    if (message.type() === 'error' || message.text().startsWith('csp-violation:')) {
      problems.push(`${page.url()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/csp-report') problems.push(`report sent from ${page.url()}`);
  });
  return problems;
}

/** Every React island on the page has hydrated (Astro drops `ssr` once it has). */
export async function expectIslandsHydrated(page: Page): Promise<void> {
  const islands = await page.locator('astro-island').count();
  if (islands === 0) return;
  await expect(page.locator('astro-island[ssr]'), `islands left unhydrated on ${page.url()}`).toHaveCount(0);
}
