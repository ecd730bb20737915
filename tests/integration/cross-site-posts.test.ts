import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optOutBody } from '../../bench/lib/opt-out-bodies.ts';
import feedback from '../../functions/feedback.ts';
import optOut from '../../functions/opt-out.ts';
import optOutConfirm from '../../functions/opt-out-confirm.ts';
import optOutStatus from '../../functions/opt-out-status.ts';
import optOutSubmit from '../../functions/opt-out-submit.ts';
import optOutWithdraw from '../../functions/opt-out-withdraw.ts';
import staff from '../../functions/staff.ts';
import type { FunctionContext } from '../../src/server/http/function-module.ts';
import {
  crossSiteVerdict,
  ONE_CLICK_UNSUBSCRIBE_PATH,
  ownOrigins,
  sameOriginOnly,
} from '../../src/server/http/same-origin.tsx';
import { installServices } from '../../src/server/services.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

/**
 * A page on another site cannot post to our forms (issue 15, item 14). Beside the CSRF tokens,
 * every state-changing request is checked where the browser says it came from: Sec-Fetch-Site,
 * or else Origin. The same handlers run in the local server and as Netlify functions, so the
 * check is in each function's export and both get it.
 */
type Handler = (request: Request, context?: FunctionContext) => Promise<Response>;

const SITE = 'http://local';
const posts: [string, Handler, string][] = [
  ['the opt-out form', optOut, '/api/opt-out'],
  ['sending an opt-out', optOutSubmit, '/api/opt-out/submit'],
  ['the status check', optOutStatus, '/api/opt-out/status'],
  ['asking to withdraw', optOutWithdraw, '/api/opt-out/withdraw'],
  ['the withdrawal button', optOutConfirm, '/api/opt-out/withdraw/confirm'],
  ['the contact form and "was this page helpful"', feedback, '/api/feedback'],
  ['staff sign-in', staff, '/staff/sign-in'],
  ['a staff action', staff, '/staff/opt-outs/AB2CD3EF/reject'],
];

const formPost = (path: string, headers: Record<string, string>) =>
  new Request(`${SITE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ reference: 'AB2CD3EF', type: 'question', message: 'Hello' }),
  });
const context = { params: {}, ip: '192.0.2.77' };

describe('posts from another site', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  beforeAll(async () => {
    store = await openPgliteStore();
    installServices(await testServices(store));
  });
  afterAll(async () => store.dispose());

  for (const [name, handler, path] of posts) {
    it(`${name}: a post from another site gets a plain 403 page and is not acted on`, async () => {
      const answer = await handler(
        formPost(path, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }),
        context,
      );
      expect(answer.status).toBe(403);
      expect(answer.headers.get('content-type')).toContain('text/html');
      expect(await answer.text()).toContain('This form was sent from another website');
    });

    it(`${name}: a post from our own pages is let through to the form`, async () => {
      const answer = await handler(formPost(path, { origin: SITE, 'sec-fetch-site': 'same-origin' }), context);
      // The form's own checks answer (staff routes still want their CSRF token), not this one.
      expect(await answer.text()).not.toContain('sent from another website');
    });
  }

  it('refuses a sibling subdomain (same-site) and an opaque origin (Origin: null, from a sandboxed frame)', async () => {
    const sibling = formPost('/api/feedback', { origin: 'https://cms.local', 'sec-fetch-site': 'same-site' });
    expect((await feedback(sibling, context)).status).toBe(403);
    expect((await feedback(formPost('/api/feedback', { origin: 'null' }), context)).status).toBe(403);
  });

  it('judges by Origin when a browser sends no Sec-Fetch-Site (older Safari)', async () => {
    expect((await feedback(formPost('/api/feedback', { origin: 'https://evil.example' }), context)).status).toBe(403);
    expect((await feedback(formPost('/api/feedback', { origin: SITE }), context)).status).not.toBe(403);
  });

  it('answers a cross-site JSON call in JSON, in plain words', async () => {
    const answer = await optOut(
      new Request(`${SITE}/api/opt-out`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify(optOutBody(31)),
      }),
      context,
    );
    expect(answer.status).toBe(403);
    expect(await answer.json()).toEqual({
      errors: [{ field: null, message: expect.stringContaining('sent from another website') }],
    });
  });

  it('lets API clients without browser headers (curl, the load bench) keep using the JSON API', async () => {
    const answer = await optOut(
      new Request(`${SITE}/api/opt-out`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(optOutBody(32)),
      }),
      context,
    );
    expect(answer.status).toBe(201);
  });

  it('leaves reading alone: a GET from a link on another site still opens the page', async () => {
    const answer = await optOutConfirm(
      new Request(`${SITE}/api/opt-out/withdraw/confirm?token=${'A'.repeat(43)}`, {
        headers: { 'sec-fetch-site': 'cross-site' },
      }),
    );
    expect(answer.status).not.toBe(403);
  });
});

describe('the one path a mail provider posts to', () => {
  const reached = sameOriginOnly(async () => new Response('reached', { status: 200 }));
  const crossSite = (path: string, method = 'POST') =>
    reached(
      new Request(`${SITE}${path}?token=${'A'.repeat(43)}`, {
        method,
        headers: { origin: 'https://mail.provider.example', 'sec-fetch-site': 'cross-site' },
        ...(method === 'POST' ? { body: 'List-Unsubscribe=One-Click' } : {}),
      }),
    );

  it('lets only the one-click unsubscribe POST (RFC 8058) past the same-origin rule', async () => {
    expect(ONE_CLICK_UNSUBSCRIBE_PATH).toBe('/api/updates/unsubscribe');
    expect((await crossSite(ONE_CLICK_UNSUBSCRIBE_PATH)).status).toBe(200);
    for (const path of ['/api/updates/manage', '/api/updates/confirm', '/api/updates/subscribe', '/api/feedback']) {
      expect((await crossSite(path)).status, path).toBe(403);
    }
    expect((await crossSite(`${ONE_CLICK_UNSUBSCRIBE_PATH}/`)).status).toBe(403);
  });
});

describe('which functions are checked', () => {
  // CSP reports are sent by the browser about our own pages, change nothing a person relies on,
  // and are rate limited and reduced to two facts (csp-report.ts): nothing for a forged post to gain.
  const exempt = new Set(['csp-report.ts']);

  it('every function that takes a POST refuses one from another site, so a new one cannot forget', () => {
    const dir = resolve('functions');
    const posting = readdirSync(dir).filter(
      (file) => file.endsWith('.ts') && /method:[^\n]*'POST'/.test(readFileSync(join(dir, file), 'utf8')),
    );
    expect(posting.length).toBeGreaterThan(5);
    for (const file of posting.filter((f) => !exempt.has(f))) {
      expect(readFileSync(join(dir, file), 'utf8'), file).toMatch(
        /export default secureFunction\(sameOriginOnly\(\w+\)\);/,
      );
    }
  });
});

describe('which origins are ours', () => {
  const post = (headers: Record<string, string>) =>
    new Request('http://127.0.0.1:4321/api/feedback', { method: 'POST', headers });
  const ours = ['http://127.0.0.1:4321', 'https://ashbywyre-record.example'];

  it("are the request's own, PUBLIC_URL's and STAFF_ORIGIN's", () => {
    const request = post({});
    expect(ownOrigins(request, { PUBLIC_URL: undefined, STAFF_ORIGIN: undefined })).toEqual(['http://127.0.0.1:4321']);
    expect(
      ownOrigins(request, {
        PUBLIC_URL: 'https://ashbywyre-record.example/',
        STAFF_ORIGIN: 'https://staff.ashbywyre-record.example',
      }),
    ).toEqual(['http://127.0.0.1:4321', 'https://ashbywyre-record.example', 'https://staff.ashbywyre-record.example']);
  });

  it('includes the public address, for a server behind a proxy that ends TLS', () => {
    expect(crossSiteVerdict(post({ origin: 'https://ashbywyre-record.example' }), ours)).toBe('allowed');
    expect(crossSiteVerdict(post({ origin: 'https://ashbywyre-record.example.evil.example' }), ours)).toBe(
      'cross-site',
    );
    expect(crossSiteVerdict(post({ origin: 'http://ashbywyre-record.example' }), ours)).toBe('cross-site');
  });
});
