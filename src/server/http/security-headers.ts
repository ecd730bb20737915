import { createHash, randomBytes } from 'node:crypto';

/**
 * The security headers every response carries, and the Content-Security-Policy for each kind of
 * response (docs/security-headers.md explains each choice). Used by the local server
 * (src/server/http/app.ts), by the function page renderers (which must set their own headers:
 * on Netlify, custom headers do not apply to function responses), and by the build, which writes
 * each static page's policy into dist/_headers for Netlify (astro.config.mjs).
 */

/** Headers on every response, whatever it is. netlify.toml repeats these for the static files. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** Where browsers send violation reports (functions/csp-report.ts). */
export const CSP_REPORT_PATH = '/api/csp-report';

/** Directives every HTML policy shares. */
const LOCKDOWN = [
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  `report-uri ${CSP_REPORT_PATH}`,
];

/**
 * Styles: the site's CSS is files, but Astro puts one small <style> for islands in the page and
 * React islands set style attributes, so inline styles stay allowed. Scripts never are.
 */
const STYLES = "style-src 'self' 'unsafe-inline'";

function htmlPolicy(scriptSources: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptSources.join(' ')}`.trim(),
    STYLES,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    ...LOCKDOWN,
  ].join('; ');
}

/** A static page: its own inline scripts allowed by hash, nothing else inline. */
export function staticPagePolicy(scriptHashes: readonly string[]): string {
  return htmlPolicy(scriptHashes.map((hash) => `'${hash}'`));
}

/** A page a function renders: inline scripts allowed only with this response's nonce. */
export function noncePagePolicy(nonce: string): string {
  return htmlPolicy([`'nonce-${nonce}'`]);
}

/** Anything that is not a page (JSON, CSV, files): nothing may load from it, nothing may frame it. */
export const NON_HTML_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The Decap CMS content manager (/admin/). Decap compiles its config schema with ajv, which builds
 * validators with `new Function`, so it needs 'unsafe-eval'; its styles are injected at run time
 * (emotion); its editor previews render into an iframe it writes itself (about:blank / srcdoc),
 * and media previews use blob: URLs. It talks to decap-server on localhost:8081 when run
 * locally (`npm run cms`) and to the GitHub API in production (GitLab if configured so).
 */
export const ADMIN_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https://avatars.githubusercontent.com https://*.githubusercontent.com https://gitlab.com",
  "font-src 'self' data:",
  "connect-src 'self' http://localhost:8081 https://api.github.com https://gitlab.com https://api.netlify.com",
  "frame-src 'self' blob:",
  "child-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self' https://github.com https://gitlab.com https://api.netlify.com",
  `report-uri ${CSP_REPORT_PATH}`,
].join('; ');

/** A fresh nonce for one response: 128 random bits. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Adds the nonce to every <script> tag in a page shell (call before the body is inserted). */
export function addNonce(shellHtml: string, nonce: string): string {
  return shellHtml.replace(/<script\b/gi, `<script nonce="${nonce}"`);
}

/** Script types a browser executes; JSON-LD and other data blocks are not scripts to CSP. */
const EXECUTABLE_TYPE = /^(|text\/javascript|application\/javascript|module)$/i;

/** The sha256 source of every inline executable script in a page, in CSP form ("sha256-…"). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1] ?? '';
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1] ?? '';
    if (!EXECUTABLE_TYPE.test(type)) continue;
    hashes.add(
      `sha256-${createHash('sha256')
        .update(match[2] ?? '', 'utf8')
        .digest('base64')}`,
    );
  }
  return [...hashes].sort();
}

/** Which policy a static file gets, by its URL path. */
export function policyForStaticPage(urlPath: string, html: string): string {
  return urlPath.startsWith('/admin/') ? ADMIN_POLICY : staticPagePolicy(inlineScriptHashes(html));
}

/** Headers for an HTML page a function renders (personal data may be on it: never cached). */
export function functionPageHeaders(nonce: string): Record<string, string> {
  return {
    ...COMMON_SECURITY_HEADERS,
    'Content-Security-Policy': noncePagePolicy(nonce),
    'Cache-Control': 'no-store',
  };
}

/**
 * dist/_headers for Netlify: one rule per built page with that page's policy (exact paths, so no
 * two rules merge into one header). The other headers are in netlify.toml for every path.
 */
export function netlifyHeadersFile(pages: readonly { urlPath: string; html: string }[]): string {
  const lines = ['# Generated by the build (astro.config.mjs, src/server/http/security-headers.ts). Do not edit.'];
  for (const page of [...pages].sort((a, b) => a.urlPath.localeCompare(b.urlPath))) {
    lines.push(page.urlPath, `  Content-Security-Policy: ${policyForStaticPage(page.urlPath, page.html)}`);
    if (page.urlPath.endsWith('/') && page.urlPath !== '/') {
      lines.push(
        page.urlPath.slice(0, -1),
        `  Content-Security-Policy: ${policyForStaticPage(page.urlPath, page.html)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
