import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import type { Services } from '../../src/server/services.ts';
import { activeStaff, sessionFor, staffRequest } from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';

/** Links and roles (issue 19, item 4): no link to a page the viewer would be refused, and a refusal that says what to do. */
describeEachStore('links and roles', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
  });
  afterEach(async () => store.dispose());

  const page = async (roles: Parameters<typeof activeStaff>[1], path: string) => {
    const staff = await activeStaff(services, roles);
    const { token } = await sessionFor(services, staff.id, 'active');
    return staffRequest(services, { method: 'GET', path, token });
  };

  it('the reports page links to the overdue feedback queue only for staff who may open it', async () => {
    const admin = await (await page(['admin'], '/staff/reports')).text();
    expect(admin).not.toContain('href="/staff/feedback');
    const comms = await (await page(['comms'], '/staff/reports')).text();
    expect(comms).toContain('href="/staff/feedback?overdue=yes"');
  });

  it('a refused page says which role it needs and who gives roles', async () => {
    const response = await page(['admin'], '/staff/opt-outs');
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain('You need the Information governance role to open this page.');
    expect(html).toContain('An administrator gives roles on the Staff accounts page.');
    const feedback = await (await page(['admin'], '/staff/feedback')).text();
    expect(feedback).toContain('You need the Comms or Information governance role to open this page.');
  });
});
