import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import health from '../../functions/health.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { enqueueEmail } from '../../src/server/mail/outbox.ts';
import { installServices, type Services } from '../../src/server/services.ts';
import { outboxRoutes } from '../../src/server/staff/outbox/routes.ts';
import type { ProtectedRoute } from '../../src/server/staff/route-table.ts';
import { staffContext } from '../support/staff-context.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

function staffRoute(path: string) {
  const found = outboxRoutes.find((r) => r.method === 'GET' && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route GET ${path}`);
  return (found as ProtectedRoute).handler;
}

describe('the health check', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  let services: Services;
  beforeAll(async () => {
    store = await openPgliteStore();
    services = await testServices(store);
    installServices(services);
    await enqueueEmail(store.db, services.keyring, {
      dedupeKey: 'health:waiting',
      to: 'canary.waiting@example.com',
      template: 'delivery-check',
      params: { reference: 'ABC3DE5F' },
    });
  });
  afterAll(async () => store.dispose());

  it('tells the public only whether the service is up, never its queue, database or mail set-up', async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('says "degraded" in public when an email has waited over 15 minutes, so a stopped outbox alerts', async () => {
    await enqueueEmail(store.db, services.keyring, {
      dedupeKey: 'health:stuck',
      to: 'canary.stuck@example.com',
      template: 'delivery-check',
      params: { reference: 'ABC3DE5G' },
    });
    const old = new Date(Date.now() - 16 * 60_000);
    await store.db.update(outboxMessages).set({ createdAt: old }).where(eq(outboxMessages.dedupeKey, 'health:stuck'));
    try {
      const response = await health();
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'degraded' });
    } finally {
      await store.db.delete(outboxMessages).where(eq(outboxMessages.dedupeKey, 'health:stuck'));
    }
  });

  it('shows signed-in staff the detail: the database, the mail route and the emails waiting', async () => {
    const page = await (await staffRoute('/staff/mail')(staffContext(services, { roles: ['comms'] }))).text();
    expect(page).toContain('How the service is doing');
    expect(page).toMatch(/Emails waiting to be sent<\/dt>\s*<dd[^>]*>1</);
    expect(page).not.toContain('canary.waiting');
    const json = await (await staffRoute('/api/staff/mail')(staffContext(services, { wantsJson: true }))).json();
    expect(json.health).toMatchObject({
      status: 'ok',
      database: { status: 'ok', kind: 'pglite' },
      mail: { status: 'ok', pending: 1, dead: 0 },
    });
  });
});
