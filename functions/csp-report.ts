import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { log } from '../src/server/log.ts';

/** Reports are small; anything bigger is not a browser's report. */
const MAX_REPORT_BYTES = 16 * 1024;
/** At most this many reports are logged per minute by one instance; the rest are refused unread. */
export const REPORTS_PER_MINUTE = 60;

let windowStart = 0;
let windowCount = 0;

function allowReport(now: number): boolean {
  if (now - windowStart >= 60_000) {
    windowStart = now;
    windowCount = 0;
  }
  windowCount += 1;
  return windowCount <= REPORTS_PER_MINUTE;
}

/** Only a URL's origin (never its path or query, which may hold personal data), or a CSP keyword. */
function originOnly(value: unknown): string {
  if (typeof value !== 'string' || value === '') return 'none';
  if (/^[a-z-]+$/i.test(value)) return value.slice(0, 40); // "inline", "eval", "data", "blob"…
  try {
    const url = new URL(value);
    return url.origin === 'null' ? `${url.protocol}` : url.origin;
  } catch {
    return 'unparsable';
  }
}

function directiveOnly(value: unknown): string {
  return typeof value === 'string' && /^[a-z-]{1,40}$/.test(value.split(' ')[0] ?? '')
    ? (value.split(' ')[0] ?? 'unknown')
    : 'unknown';
}

/** The two facts logged from one report: which directive was violated and from which origin. */
export function summariseReports(body: unknown): { directive: string; blocked: string }[] {
  // report-uri sends { "csp-report": {...} }; the Reporting API sends [{ type, body: {...} }].
  const reports: Record<string, unknown>[] = [];
  if (Array.isArray(body)) {
    for (const entry of body.slice(0, 10)) {
      const inner = (entry as { body?: unknown } | null)?.body;
      if (inner && typeof inner === 'object') reports.push(inner as Record<string, unknown>);
    }
  } else if (body && typeof body === 'object') {
    const inner = (body as Record<string, unknown>)['csp-report'];
    if (inner && typeof inner === 'object') reports.push(inner as Record<string, unknown>);
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

/**
 * POST /api/csp-report: browsers report Content-Security-Policy violations here. Only the violated
 * directive and the blocked resource's origin are logged — never the page address, referrer,
 * script sample or client address. Always answers 204 (429 beyond the rate limit).
 */
export default async function cspReport(request: Request): Promise<Response> {
  const noContent = () => new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  if (!allowReport(Date.now())) {
    return new Response(null, { status: 429, headers: { 'Cache-Control': 'no-store', 'Retry-After': '60' } });
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_REPORT_BYTES) return noContent();
  const text = await request.text().catch(() => '');
  if (text.length === 0 || text.length > MAX_REPORT_BYTES) return noContent();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return noContent();
  }
  for (const summary of summariseReports(body)) log.warn('Content-Security-Policy violation reported', summary);
  return noContent();
}

export const config: FunctionConfig = { path: '/api/csp-report', method: 'POST' };
