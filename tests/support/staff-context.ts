import { renderToStaticMarkup } from 'react-dom/server';
import type { StaffRole } from '../../src/domain/staff.ts';
import type { Services } from '../../src/server/services.ts';
import { recordAudit } from '../../src/server/staff/audit.ts';
import type { StaffContext } from '../../src/server/staff/route-table.ts';
import { staffRoutes } from '../../src/server/staff/routes.ts';

/**
 * A signed-in staff context for calling a route handler directly, without the dispatcher (its
 * own tests cover sessions, roles and CSRF). Pages render without the layout, as bare HTML.
 */
export function staffContext(
  services: Services,
  options: {
    staffId?: number;
    roles?: readonly StaffRole[];
    method?: 'GET' | 'POST';
    path?: string;
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    wantsJson?: boolean;
    now?: Date;
  } = {},
): StaffContext {
  const staffId = options.staffId ?? 1;
  const query = new URLSearchParams(options.query ?? {});
  const url = `http://local${options.path ?? '/staff/'}${query.size > 0 ? `?${query}` : ''}`;
  return {
    request: new Request(url, { method: options.method ?? 'GET' }),
    services,
    params: options.params ?? {},
    query,
    body: options.body,
    wantsJson: options.wantsJson ?? false,
    ip: '127.0.0.1',
    now: () => options.now ?? new Date(),
    routes: staffRoutes,
    staff: { id: staffId, name: 'Test Officer', roles: options.roles ?? ['comms', 'ig', 'admin'] },
    csrfToken: 'test-csrf-token',
    audit: (event) => recordAudit(services.store.db, { ...event, actorId: staffId }),
    page: async ({ title, body, status = 200 }) =>
      new Response(`<title>${title}</title><main>${renderToStaticMarkup(body)}</main>`, {
        status,
        headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
      }),
  };
}
