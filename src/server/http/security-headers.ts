import { createHash, randomBytes } from 'node:crypto';
import { TRUSTED_INLINE_SCRIPTS } from './trusted-inline-scripts.ts';

/**
 * The security headers every response carries, and the Content-Security-Policy for each kind of
 * response (docs/security-headers.md explains each choice). Used by the local server
 * (src/server/http/app.ts), by every function (on Netlify, custom headers do not apply to function
 * responses, so functions set their own: secureFunction below), and by the build, which writes
 * each static page's policy into dist/_headers for Netlify (astro.config.mjs).
 */

/** Where browsers send violation reports (functions/csp-report.ts). */
export const CSP_REPORT_PATH = '/api/csp-report';
/** The Reporting API endpoint name the policies' `report-to` refers to. */
const REPORT_GROUP = 'csp';

/** Headers on every response, whatever it is. netlify.toml repeats these for the static files. */
export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=()',
  'X-Frame-Options': 'DENY',
  'Reporting-Endpoints': `${REPORT_GROUP}="${CSP_REPORT_PATH}"`,
};

/** Directives every HTML policy ends with. */
const LOCKDOWN = [
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  `report-uri ${CSP_REPORT_PATH}`,
  `report-to ${REPORT_GROUP}`,
];

function htmlPolicy(scriptSources: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptSources.join(' ')}`.trim(),
    // The site's CSS is files, but React islands set style attributes: inline styles stay allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "form-action 'self'",
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
export const NON_HTML_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Where the production CMS backend (src/admin/cms-config.ts: GitHub) is reached from the browser. */
const GITHUB_BACKEND = {
  connect: ['https://api.github.com', 'https://www.githubstatus.com'],
  img: ['https://avatars.githubusercontent.com'],
};
/** decap-server, the local backend (`npm run cms`, the CMS journey); Decap only uses it on localhost. */
const LOCAL_BACKEND = 'http://localhost:8081';

/**
 * The Decap CMS content manager (/admin/ only), measured in Chromium (docs/security-headers.md):
 * 'unsafe-eval' because Decap compiles its config schema with ajv (`new Function`), and it stops
 * with "Error compiling schema" without it; inline styles because emotion injects <style> tags;
 * blob: for media thumbnails (img) and for reading an upload before it is saved (connect).
 * Its preview iframe is about:blank, which frame-src does not govern. Nothing else is allowed.
 */
export function adminPolicy({ localBackend }: { localBackend: boolean }): string {
  const connect = ["'self'", 'blob:', ...GITHUB_BACKEND.connect, ...(localBackend ? [LOCAL_BACKEND] : [])];
  return [
    "default-src 'none'",
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' blob: ${GITHUB_BACKEND.img.join(' ')}`,
    "font-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "manifest-src 'self'",
    "form-action 'none'",
    ...LOCKDOWN,
  ].join('; ');
}

/** The Decap application page: the one page that gets the admin policy. */
export function isAdminApp(urlPath: string): boolean {
  return urlPath === '/admin' || urlPath === '/admin/' || urlPath === '/admin/index.html';
}

/** A fresh nonce for one response: 128 random bits. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Adds the nonce to every <script> tag in a page shell (call before the body is inserted). */
export function addNonce(shellHtml: string, nonce: string): string {
  return shellHtml.replace(/<script\b/gi, () => `<script nonce="${nonce}"`);
}

/** Script types a browser executes; JSON-LD and other data blocks are not scripts to CSP. */
const EXECUTABLE_TYPE = /^(|text\/javascript|application\/javascript|module)$/i;

/** A script's CSP source ("sha256-…"). Browsers hash the text after turning CR LF into LF, so this does too. */
const scriptHash = (text: string): string =>
  `sha256-${createHash('sha256').update(text.replace(/\r\n?/g, '\n'), 'utf8').digest('base64')}`;

/**
 * The hashes a built page's policy may list: Astro's island scripts only (trusted-inline-scripts.ts).
 * Worked out on first use, so functions, which never serve built pages, leave the scripts out of their bundles.
 */
let trustedHashes: ReadonlySet<string> | undefined;
function isTrusted(hash: string): boolean {
  if (trustedHashes === undefined) trustedHashes = new Set(TRUSTED_INLINE_SCRIPTS.map(scriptHash));
  return trustedHashes.has(hash);
}

/** The sha256 source of every inline executable script in a page, in CSP form ("sha256-…"). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1] ?? '';
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1] ?? '';
    if (!EXECUTABLE_TYPE.test(type)) continue;
    hashes.add(scriptHash(match[2] ?? ''));
  }
  return [...hashes].sort();
}

/** Inline scripts in a page that are not Astro's island scripts, by hash: the build refuses these. */
export const untrustedInlineScripts = (html: string): string[] =>
  inlineScriptHashes(html).filter((hash) => !isTrusted(hash));

/**
 * The document headers of a built page, by its URL path: its policy and its opener policy. The
 * admin keeps its opener for the GitHub sign-in window (Decap's Netlify OAuth posts the token back
 * to window.opener, which `same-origin` would cut).
 */
export function staticPageHeaders(
  urlPath: string,
  html: string,
  options: { localBackend: boolean },
): Record<string, string> {
  return isAdminApp(urlPath)
    ? { 'Content-Security-Policy': adminPolicy(options), 'Cross-Origin-Opener-Policy': 'same-origin-allow-popups' }
    : {
        // Only the trusted scripts on the page: anything else inline stays blocked (and reported).
        'Content-Security-Policy': staticPagePolicy(inlineScriptHashes(html).filter(isTrusted)),
        'Cross-Origin-Opener-Policy': 'same-origin',
      };
}

/** Headers for an HTML page a function renders (personal data may be on it: never cached). */
export function functionPageHeaders(nonce: string): Record<string, string> {
  return {
    ...COMMON_SECURITY_HEADERS,
    'Content-Security-Policy': noncePagePolicy(nonce),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/**
 * Completes any response: the common headers, a policy (HTML that set none may run no inline
 * script at all; anything else loads nothing), and `no-store` unless it said how it may be cached
 * — an answer is about one person's request unless it says otherwise. Headers it set win.
 */
export function withSecurityHeaders(response: Response): Response {
  // Completed in place: copying every answer was about 5 % of the server's time under the contact
  // form's load (and it is done twice, by the function and by the local server). An answer whose
  // headers cannot change (Response.redirect's, or one from fetch) throws on the first set, before
  // anything has changed, and is copied.
  try {
    return addSecurityHeaders(response);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return addSecurityHeaders(new Response(response.body, response));
  }
}

function addSecurityHeaders(response: Response): Response {
  const set = (name: string, value: string) => {
    if (!response.headers.has(name)) response.headers.set(name, value);
  };
  for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS)) set(name, value);
  const html = response.headers.get('Content-Type')?.includes('text/html') ?? false;
  set('Content-Security-Policy', html ? staticPagePolicy([]) : NON_HTML_POLICY);
  if (html) set('Cross-Origin-Opener-Policy', 'same-origin');
  set('Cache-Control', 'no-store');
  return response;
}

/** Wraps a function's handler so that every answer it gives is completed by withSecurityHeaders. */
export function secureFunction<Args extends unknown[]>(
  handler: (...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args) => withSecurityHeaders(await handler(...args));
}

/**
 * dist/_headers for Netlify: one rule per built page with that page's document headers. Netlify
 * matches a rule's path with or without its trailing slash, so `/faqs/` also covers `/faqs`; a
 * second rule for `/faqs` would make two rules set the same headers on one answer (a doubled,
 * invalid opener policy where the values are joined). The other headers are in netlify.toml.
 */
export function netlifyHeadersFile(pages: readonly { urlPath: string; html: string }[]): string {
  const lines = ['# Generated by the build (astro.config.mjs, src/server/http/security-headers.ts). Do not edit.'];
  for (const page of [...pages].sort((a, b) => a.urlPath.localeCompare(b.urlPath))) {
    const headers = Object.entries(staticPageHeaders(page.urlPath, page.html, { localBackend: false }));
    lines.push(page.urlPath, ...headers.map(([name, value]) => `  ${name}: ${value}`));
  }
  return `${lines.join('\n')}\n`;
}
