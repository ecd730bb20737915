import { expect, test } from 'vitest';
import { navigationFor } from '../../src/server/staff/navigation.ts';
import { staffRoutes } from '../../src/server/staff/routes.ts';

/** The menu is read from the route table, so it never offers a page the dispatcher would refuse. */
test('the menu shows only the sections a person’s roles reach', () => {
  const hrefs = (roles: Parameters<typeof navigationFor>[1]) =>
    navigationFor(staffRoutes, roles).map((item) => item.href);
  expect(hrefs(['admin'])).toEqual(expect.arrayContaining(['/staff/accounts', '/staff/audit']));
  expect(hrefs(['comms'])).not.toContain('/staff/accounts');
  expect(hrefs(['comms'])).not.toContain('/staff/audit');
  expect(hrefs([])).toEqual([]);
  for (const roles of [['comms'], ['ig'], ['admin']] as const) {
    for (const href of hrefs(roles)) {
      const route = staffRoutes.find((candidate) => candidate.method === 'GET' && candidate.path === href);
      expect(
        route?.access === 'signed-in' ||
          (route?.access !== 'public' && route?.access.some((role) => roles.includes(role as never))),
      ).toBe(true);
    }
  }
});
