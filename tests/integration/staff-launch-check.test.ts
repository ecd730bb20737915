import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runLaunchCheck } from '../../src/admin/launch-check/index.ts';
import type { Store } from '../../src/server/db/client.ts';
import { navigationFor } from '../../src/server/staff/navigation.ts';
import { staffRoutes } from '../../src/server/staff/routes.ts';
import { staffContext } from '../support/staff-context.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

/**
 * The launch check in the staff area (issue 14): a comms officer (or an administrator) sees what
 * the last build found left to replace, grouped with what to do; IG officers are not given it.
 * The report is the file the build writes beside the staff shell.
 */
let store: Store & { dispose(): Promise<void> };
const staticDir = mkdtempSync(join(tmpdir(), 'clearshare-launch-static-'));
const root = join(import.meta.dirname, '..', '..');

beforeAll(async () => {
  store = await openPgliteStore();
  mkdirSync(join(staticDir, 'staff-shell'));
  writeFileSync(join(staticDir, 'staff-shell', 'launch-check.json'), JSON.stringify(runLaunchCheck(root)));
}, 60_000);
afterAll(async () => {
  await store.dispose();
  rmSync(staticDir, { recursive: true, force: true });
});

const route = (path: string) => {
  const found = staffRoutes.find((candidate) => candidate.method === 'GET' && candidate.path === path);
  if (!found || found.access === 'public') throw new Error(`No staff route ${path}`);
  return found;
};

it('is open to comms officers and administrators, and in their menu only', () => {
  expect(route('/staff/launch-check').access).toEqual(['comms', 'admin']);
  expect(route('/api/staff/launch-check').access).toEqual(['comms', 'admin']);
  const menu = (roles: Parameters<typeof navigationFor>[1]) => navigationFor(staffRoutes, roles).map((i) => i.href);
  expect(menu(['comms'])).toContain('/staff/launch-check');
  expect(menu(['admin'])).toContain('/staff/launch-check');
  expect(menu(['ig'])).not.toContain('/staff/launch-check');
});

it('a comms officer sees each kind of thing to replace, with what to do and the files', async () => {
  const services = await testServices(store, { STATIC_DIR: staticDir });
  const response = await route('/staff/launch-check').handler(staffContext(services, { roles: ['comms'] }));
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toMatch(/\d+ things left to do before the site goes live/);
  expect(html).toContain('Made-up phone numbers (Ofcom drama numbers)');
  expect(html).toContain('Put in the scheme’s real phone numbers.');
  expect(html).toContain('content/updates/new-easy-read-guide.md');
  // Each group's table scrolls in its own named, focusable region at 390 px.
  expect(html).toMatch(/role="region" aria-label="Entries marked as example" tabindex="0"/);
});

it('gives the same report as JSON', async () => {
  const services = await testServices(store, { STATIC_DIR: staticDir });
  const response = await route('/api/staff/launch-check').handler(
    staffContext(services, { roles: ['admin'], wantsJson: true }),
  );
  const body = await response.json();
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(body.items.length).toBeGreaterThan(0);
  expect(body.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

it('says to build the site when the build has not written the check', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'clearshare-launch-none-'));
  try {
    const services = await testServices(store, { STATIC_DIR: empty });
    const html = await (await route('/staff/launch-check').handler(staffContext(services))).text();
    expect(html).toContain('The launch check has not run yet. Build the site, then open this page again.');
    const json = await route('/api/staff/launch-check').handler(staffContext(services, { wantsJson: true }));
    expect(json.status).toBe(404);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
