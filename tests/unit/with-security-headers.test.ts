import { describe, expect, it } from 'vitest';
import {
  COMMON_SECURITY_HEADERS,
  NON_HTML_POLICY,
  staticPagePolicy,
  withSecurityHeaders,
} from '../../src/server/http/security-headers.ts';

/** withSecurityHeaders completes a function's own answer in place and copies one it may not change. */
describe('withSecurityHeaders', () => {
  const expectSecured = (response: Response) => {
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS))
      expect(response.headers.get(name), name).toBe(value);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  };

  it('completes a page in place, keeping the headers the handler chose', async () => {
    const page = new Response('<h1>Sent</h1>', {
      status: 200,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, max-age=60' },
    });
    const secured = withSecurityHeaders(page);
    expect(secured).toBe(page);
    for (const [name, value] of Object.entries(COMMON_SECURITY_HEADERS))
      expect(secured.headers.get(name), name).toBe(value);
    expect(secured.headers.get('Cache-Control')).toBe('private, max-age=60');
    expect(secured.headers.get('Content-Security-Policy')).toBe(staticPagePolicy([]));
    expect(secured.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(await secured.text()).toBe('<h1>Sent</h1>');
  });

  it('copies an answer whose headers cannot change (Response.redirect), with its status and location', () => {
    const redirect = Response.redirect('https://example.org/opt-out/check/', 303);
    expect(() => redirect.headers.set('X-Probe', '1')).toThrow(TypeError);
    const secured = withSecurityHeaders(redirect);
    expect(secured).not.toBe(redirect);
    expect(secured.status).toBe(303);
    expect(secured.headers.get('Location')).toBe('https://example.org/opt-out/check/');
    expectSecured(secured);
    expect(secured.headers.get('Content-Security-Policy')).toBe(NON_HTML_POLICY);
  });

  it('is the same when done twice (the function, then the local server)', () => {
    const once = withSecurityHeaders(new Response('{}', { headers: { 'Content-Type': 'application/json' } }));
    const before = [...once.headers];
    expect([...withSecurityHeaders(once).headers]).toEqual(before);
    expectSecured(once);
  });
});
