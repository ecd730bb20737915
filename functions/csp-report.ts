import '../src/server/start-check.ts';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { readBodyAtMost } from '../src/server/http/body.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { log } from '../src/server/log.ts';

/** Reports are small; anything bigger is not a browser's report and is not read past this. */
export const MAX_REPORT_BYTES = 16 * 1024;
/** At most this many reports are taken per minute by one instance; the rest are refused unread. */
export const REPORTS_PER_MINUTE = 60;
/** At most this many reports are logged from one Reporting API batch. */
const REPORTS_PER_BODY = 10;

/** Per instance, in memory (rate-limiter-flexible): a flood of reports must not reach the log. */
const reports = new RateLimiterMemory({ points: REPORTS_PER_MINUTE, duration: 60 });

/** Seconds until another report is taken, or 0 when this one may be. */
async function waitBeforeNextReport(): Promise<number> {
  try {
    await reports.consume('all');
    return 0;
  } catch (refused) {
    if (refused instanceof RateLimiterRes) return Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
    throw refused;
  }
}

/** The directives a browser can name; anything else posted here is logged as "unknown". */
const DIRECTIVES = new Set([
  'default-src',
  'script-src',
  'script-src-elem',
  'script-src-attr',
  'style-src',
  'style-src-elem',
  'style-src-attr',
  'img-src',
  'font-src',
  'connect-src',
  'media-src',
  'object-src',
  'frame-src',
  'child-src',
  'worker-src',
  'manifest-src',
  'base-uri',
  'form-action',
  'frame-ancestors',
  'require-trusted-types-for',
  'trusted-types',
]);

/** What browsers put in blocked-uri instead of an address. */
const BLOCKED_KEYWORDS = new Set([
  'inline',
  'eval',
  'wasm-eval',
  'self',
  'data',
  'blob',
  'trusted-types-policy',
  'trusted-types-sink',
]);

/** Only an address's origin (never its path or query, which may hold personal data), or a keyword. */
function originOnly(value: unknown): string {
  if (typeof value !== 'string' || value === '') return 'none';
  if (BLOCKED_KEYWORDS.has(value)) return value;
  try {
    const url = new URL(value);
    if (['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) return url.origin.slice(0, 200);
    return ['data:', 'blob:', 'about:', 'chrome-extension:', 'moz-extension:'].includes(url.protocol)
      ? url.protocol
      : 'other';
  } catch {
    return 'unparsable';
  }
}

function directiveOnly(value: unknown): string {
  const name = typeof value === 'string' ? value.trim().split(/\s+/)[0] : undefined;
  return name !== undefined && DIRECTIVES.has(name) ? name : 'unknown';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The two facts logged from one report: which directive was violated and from which origin. */
export function summariseReports(body: unknown): { directive: string; blocked: string }[] {
  // report-uri sends { "csp-report": {...} }; the Reporting API (report-to) sends [{ type, body: {...} }].
  const reports: Record<string, unknown>[] = [];
  if (Array.isArray(body)) {
    for (const entry of body.slice(0, REPORTS_PER_BODY)) {
      if (isRecord(entry) && entry['type'] === 'csp-violation' && isRecord(entry['body'])) reports.push(entry['body']);
    }
  } else if (isRecord(body) && isRecord(body['csp-report'])) {
    reports.push(body['csp-report']);
  }
  return reports.map((report) => ({
    directive: directiveOnly(
      report['effective-directive'] ??
        report['effectiveDirective'] ??
        report['violated-directive'] ??
        report['violatedDirective'],
    ),
    blocked: originOnly(report['blocked-uri'] ?? report['blockedURL']),
  }));
}

/** The body as text, reading no more than `limit` bytes; undefined when it is longer or unreadable. */
async function readAtMost(request: Request, limit: number): Promise<string | undefined> {
  if (!request.body) return undefined;
  return readBodyAtMost(request, limit).then(
    (bytes) => new TextDecoder().decode(bytes),
    () => undefined,
  );
}

/**
 * POST /api/csp-report: browsers report Content-Security-Policy violations here. Only the violated
 * directive and the blocked resource's origin are logged — never the page address, referrer,
 * script sample or client address. Always answers 204, whatever was sent (429 beyond the limit).
 */
async function cspReport(request: Request): Promise<Response> {
  const noContent = () => new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  const wait = await waitBeforeNextReport();
  if (wait > 0) {
    return new Response(null, { status: 429, headers: { 'Cache-Control': 'no-store', 'Retry-After': String(wait) } });
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_REPORT_BYTES) return noContent();
  const text = await readAtMost(request, MAX_REPORT_BYTES);
  if (!text) return noContent();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return noContent();
  }
  for (const summary of summariseReports(body)) log.warn('Content-Security-Policy violation reported', summary);
  return noContent();
}

// Netlify applies no custom headers to function answers: each one carries its own.
export default secureFunction(cspReport);

// A literal: Netlify reads the route from the source without running it (CSP_REPORT_PATH names the same).
export const config: FunctionConfig = { path: '/api/csp-report', method: 'POST' };
