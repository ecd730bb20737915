import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import type { Services } from '../../src/server/services.ts';
import { findSession, IDLE_MS } from '../../src/server/staff/session.ts';
import { expectErrorLogs } from '../support/error-logs.ts';
import { activeStaff, sessionFor, staffRequest } from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';

/**
 * A mistyped staff address (/staff/nowhere). Signed in, a member of staff keeps the staff header
 * and menu and a way back to the staff home; signed out, the page says no more than it always did.
 */
const MENU = 'aria-label="Staff menu"';

describeEachStore('Staff: a page that does not exist', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;

  beforeAll(async () => {
    store = await open();
    services = await testServices(store);
  }, 60_000);
  afterAll(() => store.dispose());

  const expectNotFoundPage = (response: Response, html: string) => {
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toMatch(/<h1[^>]*>Page not found<\/h1>/);
    expect(html).toContain('<a href="/staff/">Go to the staff home page</a>');
  };

  test('a signed-in member of staff who mistypes an address gets a 404 with their header, menu and sign-out', async () => {
    const officer = await activeStaff(services, ['comms']);
    const { token, idHash } = await sessionFor(services, officer.id, 'active', new Date('2026-11-02T09:00:00Z'));
    const later = new Date('2026-11-02T09:10:00Z');
    const response = await staffRequest(services, { path: '/staff/nowhere', token, now: later });
    const html = await response.text();
    expectNotFoundPage(response, html);
    expect(html).toContain(MENU);
    expect(html).toContain('Sign out');
    expect(html).toContain('href="/staff/feedback"');
    // Mistyping an address is activity: the idle limit counts from now, as the page's warning does.
    const lookup = await findSession(services.store.db, token, new Date(later.getTime() + IDLE_MS - 1000));
    expect(lookup.status).toBe('ok');
    expect(lookup.status === 'ok' && lookup.session.idHash).toBe(idHash);
  });

  test('someone not signed in gets the same bare 404: no menu, no sign-out, nothing about the staff area', async () => {
    const response = await staffRequest(services, { path: '/staff/nowhere' });
    const html = await response.text();
    expectNotFoundPage(response, html);
    expect(html).not.toContain(MENU);
    expect(html).not.toContain('Sign out');
    expect(html).not.toContain('href="/staff/feedback"');
  });

  test('a session only part-way through sign-in, or one timed out, does not unlock the menu', async () => {
    const officer = await activeStaff(services, ['admin']);
    const halfway = await sessionFor(services, officer.id, 'password');
    const stale = await sessionFor(services, officer.id, 'active', new Date('2026-11-02T09:00:00Z'));
    for (const [token, now] of [
      [halfway.token, undefined],
      [stale.token, new Date(new Date('2026-11-02T09:00:00Z').getTime() + IDLE_MS)],
      ['not-a-session', undefined],
    ] as const) {
      const response = await staffRequest(services, { path: '/staff/nowhere', token, ...(now ? { now } : {}) });
      const html = await response.text();
      expectNotFoundPage(response, html);
      expect(html).not.toContain(MENU);
    }
  });

  test('with the database not answering, a signed-in person still gets the bare 404, not an error', async () => {
    // The session look-up's failure is logged: the fault this test injects.
    expectErrorLogs(/^Staff session check failed on a not-found page/);
    const officer = await activeStaff(services, ['comms']);
    const { token } = await sessionFor(services, officer.id, 'active');
    const down = new Proxy(services.store.db, {
      get: () => () => {
        throw new Error('connection refused');
      },
    });
    const response = await staffRequest(
      { ...services, store: { ...services.store, db: down } },
      {
        path: '/staff/nowhere',
        token,
      },
    );
    const html = await response.text();
    expectNotFoundPage(response, html);
    expect(html).not.toContain(MENU);
  });

  test('an API caller still gets a JSON 404, signed in or not', async () => {
    const officer = await activeStaff(services, ['ig']);
    const { token } = await sessionFor(services, officer.id, 'active');
    for (const session of [token, undefined]) {
      const response = await staffRequest(services, {
        path: '/api/staff/nowhere',
        ...(session ? { token: session } : {}),
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ errors: [{ field: null, message: 'Page not found' }] });
    }
  });
});
