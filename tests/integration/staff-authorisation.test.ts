import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STAFF_ROLES, type StaffRole } from '../../src/domain/staff.ts';
import type { Store } from '../../src/server/db/client.ts';
import type { Services } from '../../src/server/services.ts';
import type { ProtectedRoute, StaffRoute } from '../../src/server/staff/route-table.ts';
import { staffRoutes } from '../../src/server/staff/routes.ts';
import { ABSOLUTE_MS, IDLE_MS, touchSession } from '../../src/server/staff/session.ts';
import { activeStaff, sessionFor, staffRequest } from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';

/**
 * The route table drives authorisation (issue 6): every route in it, including those other areas
 * add later, is checked through the dispatcher. Each protected route must refuse a missing
 * session, an idle or too-old one, one still at the password stage, and someone without its
 * roles; each POST must refuse a missing or wrong CSRF token. Only sign-in and set-up are public.
 */
const PUBLIC_PATHS = new Set(['/staff/sign-in', '/staff/sign-in/code', '/staff/set-up', '/staff/set-up/authenticator']);

/** A concrete path for a pattern: each :param gets a plausible sample value (a reference, an id). */
const samplePath = (route: StaffRoute) =>
  route.path
    .replace(/:(\w+)(\([^)]*\))?/g, (_, name: string) => (/id$/i.test(name) ? '1' : 'ABC3DE5F'))
    .replace(/\*/g, 'x');

const protectedRoutes = staffRoutes.filter((route): route is ProtectedRoute => route.access !== 'public');
const label = (route: StaffRoute) => `${route.method} ${route.path}`;

/** A refusal for want of a session: JSON callers get 401, pages a 303 to sign-in with no personal data in the URL. */
function expectSignInRequired(response: Response, route: StaffRoute) {
  if (route.path.startsWith('/api/staff/')) {
    expect(response.status, label(route)).toBe(401);
  } else {
    expect(response.status, label(route)).toBe(303);
    expect(['/staff/sign-in', '/staff/sign-in?timed-out=yes']).toContain(response.headers.get('location'));
  }
  expect(response.headers.get('cache-control')).toBe('no-store');
}

test('the route table has no duplicate routes and every protected route names its access', () => {
  const keys = staffRoutes.map(label);
  expect(new Set(keys).size).toBe(keys.length);
  for (const route of protectedRoutes) {
    expect(
      route.access === 'signed-in' ||
        (route.access.length > 0 && route.access.every((role) => STAFF_ROLES.includes(role))),
    ).toBe(true);
  }
});

test('only the sign-in and set-up pages are public', () => {
  const publicPaths = staffRoutes.filter((route) => route.access === 'public').map((route) => route.path);
  expect(publicPaths.length).toBeGreaterThan(0);
  for (const path of publicPaths) expect(PUBLIC_PATHS.has(path), path).toBe(true);
});

describeEachStore('Staff route authorisation', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  /** One member of staff holding every role: passes every role check. */
  let everyone: { id: number };

  beforeAll(async () => {
    store = await open();
    services = await testServices(store);
    everyone = await activeStaff(services, STAFF_ROLES);
  }, 60_000);
  afterAll(() => store.dispose());

  const request = (route: StaffRoute, extra: Omit<Parameters<typeof staffRequest>[1], 'path' | 'method'> = {}) =>
    staffRequest(services, { method: route.method, path: samplePath(route), ...extra });

  describe.each(protectedRoutes.map((route) => [label(route), route] as const))('%s', (_, route) => {
    test('refuses a request with no session', async () => {
      expectSignInRequired(await request(route), route);
    });

    test('refuses a session idle for 15 minutes', async () => {
      const start = new Date('2026-11-02T09:00:00Z');
      const { token } = await sessionFor(services, everyone.id, 'active', start);
      expectSignInRequired(await request(route, { token, now: new Date(start.getTime() + IDLE_MS) }), route);
    });

    test('refuses a session 8 hours old, even if active a moment ago', async () => {
      const start = new Date('2026-11-02T09:00:00Z');
      const { token, idHash } = await sessionFor(services, everyone.id, 'active', start);
      const late = new Date(start.getTime() + ABSOLUTE_MS);
      await touchSession(services.store.db, idHash, new Date(late.getTime() - 60_000));
      expectSignInRequired(await request(route, { token, now: late }), route);
    });

    test('refuses a session that has only passed the password step', async () => {
      const { token } = await sessionFor(services, everyone.id, 'password');
      expectSignInRequired(await request(route, { token }), route);
    });

    test('refuses a signed-in member of staff without one of its roles', async () => {
      const allowed = route.access === 'signed-in' ? [] : route.access;
      // For 'signed-in' routes, nobody signed in is refused by role; check someone with no roles gets in.
      const others: StaffRole[] = STAFF_ROLES.filter((role) => !allowed.includes(role));
      const staff = await activeStaff(services, route.access === 'signed-in' ? [] : others);
      const { token, csrfToken } = await sessionFor(services, staff.id, 'active');
      const response = await request(route, { token, form: { csrfToken } });
      if (route.access === 'signed-in') expect(response.status, label(route)).not.toBe(403);
      else expect(response.status, label(route)).toBe(403);
    });

    test('lets a member of staff with its roles through (so the refusals above mean something)', async () => {
      const { token, csrfToken } = await sessionFor(services, everyone.id, 'active');
      const response = await request(route, { token, form: { csrfToken } });
      expect([401, 403], label(route)).not.toContain(response.status);
      expect(['/staff/sign-in', '/staff/sign-in?timed-out=yes'], label(route)).not.toContain(
        response.headers.get('location'),
      );
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    if (route.method === 'POST') {
      test('refuses a POST without a CSRF token, or with another session’s', async () => {
        const { token } = await sessionFor(services, everyone.id, 'active');
        const other = await sessionFor(services, everyone.id, 'active');
        expect((await request(route, { token, form: {} })).status).toBe(403);
        expect((await request(route, { token, form: { csrfToken: other.csrfToken } })).status).toBe(403);
        expect((await request(route, { token, json: { csrfToken: 'x'.repeat(43) } })).status).toBe(403);
      });
    }
  });
});
