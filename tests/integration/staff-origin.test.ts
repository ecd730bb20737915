import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import staffFunction from '../../functions/staff.ts';
import { loadEnv, staffUrl } from '../../src/server/env.ts';
import { createApp } from '../../src/server/http/app.ts';
import type { FunctionModule } from '../../src/server/http/function-module.ts';
import { netlifyStaffOriginRules, servedOnThisOrigin } from '../../src/server/http/staff-origin.ts';
import { renderTemplate } from '../../src/server/mail/templates.ts';
import { installServices } from '../../src/server/services.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

/**
 * With STAFF_ORIGIN set, the back office and the CMS answer only there: a script that got onto the
 * public site could otherwise read staff pages with an officer's cookies (same origin).
 */
const PUBLIC = 'https://record.example.nhs.uk';
const STAFF = 'https://staff.record.example.nhs.uk';

describe('STAFF_ORIGIN', () => {
  let dist: string;
  let app: { request(url: string): Response | Promise<Response> };
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'clearshare-staff-origin-'));
    const files: Record<string, string> = {
      'index.html': '<!doctype html><h1>Home</h1>',
      'admin/index.html': '<!doctype html><h1>Content manager</h1>',
      '404.html': '<!doctype html><h1>Page not found</h1>',
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dist, file)), { recursive: true });
      writeFileSync(join(dist, file), text);
    }
    const staff: FunctionModule = {
      name: 'staff',
      handler: async () => new Response('<h1>Sign in</h1>', { headers: { 'Content-Type': 'text/html' } }),
      config: { path: ['/staff', '/staff/*', '/api/staff/*'], method: ['GET', 'POST'] },
    };
    // The client address comes from a header here: there is no socket behind app.request().
    const local = createApp({ functions: [staff], staticDir: dist, staffOrigin: STAFF, clientIpHeader: 'x-client-ip' });
    app = { request: (url: string) => local.request(url, { headers: { 'x-client-ip': '192.0.2.1' } }) };
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves the back office and the content manager on the staff origin only; the public origin answers 404', async () => {
    for (const path of ['/staff/sign-in', '/api/staff/opt-outs', '/admin/', '/staff']) {
      const onPublic = await app.request(`${PUBLIC}${path}`);
      expect(onPublic.status, `${PUBLIC}${path}`).toBe(404);
      expect(await onPublic.text()).toContain('Page not found');
      expect((await app.request(`${STAFF}${path}`)).status, `${STAFF}${path}`).toBe(200);
    }
    expect((await app.request(`${PUBLIC}/`)).status).toBe(200);
  });

  it('serves them everywhere when it is not set, as before', async () => {
    const open = createApp({ functions: [], staticDir: dist });
    expect((await open.request(`${PUBLIC}/admin/`)).status).toBe(200);
    expect(servedOnThisOrigin(new Request(`${PUBLIC}/staff/sign-in`), undefined)).toBe(true);
  });

  it('tells the staff function which requests to refuse, by path and origin', () => {
    expect(servedOnThisOrigin(new Request(`${PUBLIC}/staff/sign-in`), STAFF)).toBe(false);
    expect(servedOnThisOrigin(new Request(`${PUBLIC}/staffing-news/`), STAFF)).toBe(true);
    expect(servedOnThisOrigin(new Request(`${PUBLIC}/administration/`), STAFF)).toBe(true);
    expect(servedOnThisOrigin(new Request(`${STAFF}/staff/sign-in`), STAFF)).toBe(true);
  });

  it('gives Netlify rules that answer 404 for them on the public address', () => {
    const rules = netlifyStaffOriginRules(PUBLIC, STAFF);
    for (const path of ['/admin', '/admin/*', '/staff', '/staff/*', '/api/staff/*']) {
      expect(rules).toContain(`${PUBLIC}${path}  /404.html  404!`);
    }
    expect(netlifyStaffOriginRules(PUBLIC, undefined)).toBe('');
  });

  it("staff emails link to the staff origin, so a new officer's set-up link works there", () => {
    const token = 'A'.repeat(43);
    for (const template of ['staff-invite', 'staff-reset']) {
      const email = renderTemplate(template, { token }, { siteUrl: PUBLIC, staffUrl: STAFF, schemeName: 'S' });
      expect(email.text).toContain(`${STAFF}/staff/set-up?token=${token}`);
      expect(email.text).not.toContain(PUBLIC);
    }
    expect(staffUrl(loadEnv({ PUBLIC_URL: PUBLIC, STAFF_ORIGIN: STAFF }))).toBe(STAFF);
    expect(staffUrl(loadEnv({ PUBLIC_URL: PUBLIC }))).toBe(PUBLIC);
  });

  it('must be an origin of its own: no path, and not the public address', () => {
    const base = { PUBLIC_URL: PUBLIC };
    expect(loadEnv({ ...base, STAFF_ORIGIN: `${STAFF}/` }).STAFF_ORIGIN).toBe(STAFF);
    expect(() => loadEnv({ ...base, STAFF_ORIGIN: `${STAFF}/staff/` })).toThrow(
      /STAFF_ORIGIN must be an address without a path, like https:\/\/staff\.example\.nhs\.uk/,
    );
    expect(() => loadEnv({ ...base, STAFF_ORIGIN: PUBLIC })).toThrow(/STAFF_ORIGIN must differ from PUBLIC_URL/);
  });
});

describe('STAFF_ORIGIN in the staff function, as deployed', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  beforeAll(async () => {
    store = await openPgliteStore();
    installServices(await testServices(store, { PUBLIC_URL: PUBLIC, STAFF_ORIGIN: STAFF }));
  });
  afterAll(async () => store.dispose());

  it("answers the public origin with the site's 404 page, and the staff origin as before", async () => {
    const onPublic = await staffFunction(new Request(`${PUBLIC}/staff/sign-in`), { params: {}, ip: '192.0.2.1' });
    expect(onPublic.status).toBe(404);
    expect(await onPublic.text()).toContain('Page not found');
    const onStaff = await staffFunction(new Request(`${STAFF}/staff/sign-in`), { params: {}, ip: '192.0.2.1' });
    expect(onStaff.status).toBe(200);
    expect(await onStaff.text()).toContain('Sign in');
  });
});
