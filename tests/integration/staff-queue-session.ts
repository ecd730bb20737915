import { afterEach, beforeEach } from 'vitest';
import type { StaffRole } from '../../src/domain/staff.ts';
import type { Store } from '../../src/server/db/client.ts';
import type { Services } from '../../src/server/services.ts';
import type { ProtectedRoute, StaffRoute } from '../../src/server/staff/route-table.ts';
import { staffContext } from '../support/staff-context.ts';
import { testServices } from '../support/stores.ts';
import { addStaff } from './staff-queues-fixtures.ts';

/**
 * A fresh store and one signed-in member of staff for each test of a queue, and a way to call a
 * route's handler as them. Each test gets its own database, so none depends on another's rows.
 */
export function queueSession(
  open: () => Promise<Store & { dispose(): Promise<void> }>,
  options: { name: string; roles: readonly StaffRole[]; now: Date; routes: readonly StaffRoute[] },
) {
  const session = {} as { store: Store & { dispose(): Promise<void> }; services: Services; staffId: number };
  beforeEach(async () => {
    session.store = await open();
    session.services = await testServices(session.store);
    session.staffId = await addStaff(session.services, options.name, options.roles);
  });
  afterEach(async () => session.store.dispose());
  const handler = (method: 'GET' | 'POST', path: string) => {
    const found = options.routes.find((r) => r.method === method && r.path === path);
    if (!found || found.access === 'public') throw new Error(`no route ${method} ${path}`);
    return (found as ProtectedRoute).handler;
  };
  /** Calls the route at `method path` as this member of staff. */
  const call = (method: 'GET' | 'POST', path: string, context: Parameters<typeof staffContext>[1] = {}) =>
    handler(
      method,
      path,
    )(
      staffContext(session.services, {
        staffId: session.staffId,
        roles: options.roles,
        now: options.now,
        method,
        ...context,
      }),
    );
  return { session, call };
}
