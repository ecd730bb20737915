import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import cspReport, { MAX_REPORT_BYTES, REPORTS_PER_MINUTE, summariseReports } from '../../functions/csp-report.ts';
import { log } from '../../src/server/log.ts';

/** A browser's violation report as report-uri sends it, from a page with a person's answers in its address. */
const legacyReport = {
  'csp-report': {
    'document-uri': 'https://clearshare.example/opt-out/check?name=Ada+Lovelace&nhs=4857773457',
    referrer: 'https://clearshare.example/opt-out/form/',
    'violated-directive': 'script-src-elem',
    'effective-directive': 'script-src-elem',
    'original-policy': "default-src 'self'",
    'blocked-uri': 'https://evil.example/steal.js?who=ada@example.com',
    'script-sample': 'alert("Ada Lovelace")',
    'source-file': 'https://clearshare.example/opt-out/check?name=Ada',
  },
};

const post = (body: BodyInit, headers: Record<string, string> = { 'content-type': 'application/csp-report' }) =>
  cspReport(new Request('http://localhost/api/csp-report', { method: 'POST', body, headers }));

describe('the CSP report endpoint', () => {
  let warnings: ReturnType<typeof vi.spyOn>;
  let minute = 0;

  beforeEach(() => {
    // Each test in a fresh rate-limit window.
    minute += 10;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.UTC(2026, 11, 1, 0, minute)));
    warnings = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('logs only the directive and the blocked origin, never the page, referrer or sample', async () => {
    const response = await post(JSON.stringify(legacyReport));
    expect(response.status).toBe(204);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(warnings).toHaveBeenCalledTimes(1);
    expect(warnings.mock.calls[0]?.[1]).toEqual({ directive: 'script-src-elem', blocked: 'https://evil.example' });
    const logged = JSON.stringify(warnings.mock.calls);
    for (const secret of ['Ada', 'Lovelace', '4857773457', 'ada@example.com', 'opt-out', 'steal.js']) {
      expect(logged).not.toContain(secret);
    }
  });

  it('reads the Reporting API batch format, at most ten reports, csp-violation only', async () => {
    const entry = {
      type: 'csp-violation',
      url: 'https://clearshare.example/contact/?email=ada@example.com',
      body: { effectiveDirective: 'img-src', blockedURL: 'data', documentURL: 'https://clearshare.example/contact/' },
    };
    const other = { type: 'deprecation', body: { id: 'x' } };
    const response = await post(JSON.stringify([...Array(12).fill(entry), other]), {
      'content-type': 'application/reports+json',
    });
    expect(response.status).toBe(204);
    expect(warnings).toHaveBeenCalledTimes(10);
    expect(warnings.mock.calls[0]?.[1]).toEqual({ directive: 'img-src', blocked: 'data' });
  });

  it('names nothing it does not recognise: made-up directives and keywords, odd schemes', () => {
    const summaries = summariseReports([
      { type: 'csp-violation', body: { effectiveDirective: 'ada-lovelace', blockedURL: 'adalovelace' } },
      { type: 'csp-violation', body: { effectiveDirective: 'connect-src', blockedURL: 'mailto:ada@example.com' } },
      { type: 'csp-violation', body: { effectiveDirective: 'script-src', blockedURL: 'eval' } },
      { type: 'csp-violation', body: { effectiveDirective: 42, blockedURL: { nested: true } } },
    ]);
    expect(summaries).toEqual([
      { directive: 'unknown', blocked: 'unparsable' },
      { directive: 'connect-src', blocked: 'other' },
      { directive: 'script-src', blocked: 'eval' },
      { directive: 'unknown', blocked: 'none' },
    ]);
  });

  it('answers 204 to garbage, empty, wrongly typed and oversized bodies, and logs nothing', async () => {
    const bodies: BodyInit[] = [
      '',
      'not json {',
      'null',
      '"a string"',
      JSON.stringify({ 'csp-report': 'not an object' }),
      JSON.stringify([null, 1, 'x', { body: null }]),
      new Uint8Array([0xff, 0xfe, 0x00, 0x80]),
      JSON.stringify({ 'csp-report': { 'blocked-uri': 'x'.repeat(MAX_REPORT_BYTES) } }),
    ];
    for (const body of bodies) expect((await post(body)).status).toBe(204);
    // Oversized without a length header (a stream): refused part-way, not read into memory.
    const stream = new ReadableStream({
      pull(controller) {
        controller.enqueue(new Uint8Array(4096).fill(0x20));
      },
    });
    const streamed = await cspReport(
      new Request('http://localhost/api/csp-report', { method: 'POST', body: stream, duplex: 'half' } as RequestInit),
    );
    expect(streamed.status).toBe(204);
    expect(warnings).not.toHaveBeenCalled();
  });

  it(`refuses with 429 past ${REPORTS_PER_MINUTE} reports a minute, and takes them again the next minute`, async () => {
    const body = JSON.stringify(legacyReport);
    for (let i = 0; i < REPORTS_PER_MINUTE; i += 1) expect((await post(body)).status).toBe(204);
    const refused = await post(body);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect(warnings).toHaveBeenCalledTimes(REPORTS_PER_MINUTE);
    vi.setSystemTime(Date.now() + 60_000);
    expect((await post(body)).status).toBe(204);
  });

  it('carries the security headers itself, as every function must on Netlify', async () => {
    const response = await post(JSON.stringify(legacyReport));
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Strict-Transport-Security')).toContain('max-age=31536000');
    expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
  });
});
