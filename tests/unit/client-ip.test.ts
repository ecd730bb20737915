import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/http/app.ts';
import type { FunctionContext } from '../../src/server/http/function-module.ts';

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

  it('comes from the trusted proxy header when one is configured (its first, original address)', async () => {
    const app = createApp({ functions: [echo], staticDir: '/nonexistent', clientIpHeader: 'x-forwarded-for' });
    await app.request('/api/echo', { headers: { 'x-forwarded-for': '203.0.113.9, 10.0.0.1' } });
    expect(seen.at(-1)).toBe('203.0.113.9');
  });
});
