import { describe, expect, it } from 'vitest';
import { rateLimitClient } from '../../src/server/abuse/client-key.ts';
import { createApp } from '../../src/server/http/app.ts';
import { addressFromHeader } from '../../src/server/http/client-ip.ts';
import type { FunctionContext } from '../../src/server/http/function-module.ts';

/**
 * The client address behind per-client rate limits (issue 15, item 4). X-Forwarded-For is a list
 * each proxy appends to, so only its right-hand end was written by proxies we trust; the
 * left-most address is whatever the client typed. IPv6 clients each hold at least a /64, so
 * counting full addresses gave one attacker endless "clients".
 */
describe('the client address used for rate limits', () => {
  const seen: string[] = [];
  const echo = {
    name: 'echo',
    config: { path: '/api/echo' },
    handler: async (_request: Request, context?: FunctionContext) => {
      seen.push(context?.ip ?? '');
      return new Response('ok');
    },
  };

  it('is the address our one trusted proxy appended, not the left-most one the client wrote', async () => {
    const app = createApp({ functions: [echo], staticDir: '/nonexistent', clientIpHeader: 'x-forwarded-for' });
    await app.request('/api/echo', { headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.23' } });
    expect(seen.at(-1)).toBe('198.51.100.23');
  });

  it('counts back as many proxies as TRUSTED_PROXY_HOPS says', async () => {
    const app = createApp({
      functions: [echo],
      staticDir: '/nonexistent',
      clientIpHeader: 'x-forwarded-for',
      trustedProxyHops: 2,
    });
    await app.request('/api/echo', { headers: { 'x-forwarded-for': '1.2.3.4, 203.0.113.9, 10.0.0.7' } });
    expect(seen.at(-1)).toBe('203.0.113.9');
  });

  it('takes the first entry when the list is shorter than the hops (a trusted proxy wrote it)', () => {
    expect(addressFromHeader('203.0.113.9', 2)).toBe('203.0.113.9');
    expect(addressFromHeader(' 203.0.113.9 ,  10.0.0.7 ', 1)).toBe('10.0.0.7');
  });

  it('refuses anything that is not an IP address, so the caller falls back to the socket', () => {
    expect(addressFromHeader('203.0.113.9, not-an-address', 1)).toBeUndefined();
    expect(addressFromHeader('', 1)).toBeUndefined();
    expect(addressFromHeader(null, 1)).toBeUndefined();
  });
});

describe('the client a rate limit counts', () => {
  it('is the /64 for IPv6: every address in one network is one client', () => {
    expect(rateLimitClient('2001:db8:1:2:aaaa::1')).toBe(rateLimitClient('2001:db8:1:2:ffff:ffff:ffff:9'));
    expect(rateLimitClient('2001:0db8:0001:0002::')).toBe(rateLimitClient('2001:db8:1:2::abcd'));
    expect(rateLimitClient('2001:db8:1:3::1')).not.toBe(rateLimitClient('2001:db8:1:2::1'));
  });

  it('is the IPv4 address for an IPv4-mapped IPv6 address, and an IPv4 address as it is', () => {
    expect(rateLimitClient('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(rateLimitClient('203.0.113.9')).toBe('203.0.113.9');
    expect(rateLimitClient('203.0.113.10')).not.toBe(rateLimitClient('203.0.113.9'));
  });

  it('keeps a value that is not an address (no socket address: "unknown") as one shared client', () => {
    expect(rateLimitClient('unknown')).toBe('unknown');
  });
});
