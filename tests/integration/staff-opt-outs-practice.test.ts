import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { uploadMatchFile } from '../../src/server/staff/opt-outs/match-apply.ts';
import { optOutsRoutes } from '../../src/server/staff/opt-outs/routes.ts';
import type { ProtectedRoute } from '../../src/server/staff/route-table.ts';
import { staffContext } from '../support/staff-context.ts';
import { describeEachStore, testServices } from '../support/stores.ts';
import { addOptOut, addStaff, auditActions, optOutFields } from './staff-queues-fixtures.ts';

/**
 * Issue 19, volume item 2: the record platform's match file gives each request's GP practice,
 * the request keeps it, and the IG officer cuts the GP export by practice: one file for one
 * practice takes only its changes, and the rest keep waiting for theirs.
 */

function route(method: 'GET' | 'POST', path: string) {
  const found = optOutsRoutes.find((r) => r.method === method && r.path === path);
  if (!found || found.access === 'public') throw new Error(`no route ${method} ${path}`);
  return (found as ProtectedRoute).handler;
}

const HEADINGS = 'Reference,NHS number matched,Date of birth matched,Name matched,Postcode matched,Practice code';

describeEachStore('the GP export cut by practice', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  let officer: number;
  const now = new Date('2026-12-07T10:00:00Z');
  beforeEach(async () => {
    store = await open();
    services = await testServices(store);
    officer = await addStaff(services, 'Iris Governance', ['ig']);
  }, 60_000);
  afterEach(async () => store.dispose());

  const ctx = (options: Parameters<typeof staffContext>[1]) =>
    staffContext(services, { staffId: officer, roles: ['ig'], now, ...options });
  const step = (reference: string, action: string, body: unknown) =>
    route(
      'POST',
      `/staff/opt-outs/:reference/${action}`,
    )(ctx({ method: 'POST', params: { reference }, body, wantsJson: true }));
  const exportCsv = (body: unknown) => route('POST', '/staff/opt-outs/export')(ctx({ method: 'POST', body }));
  const references = async (response: Response) =>
    (await response.text())
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => line.slice(1, 9))
      .sort();
  const practiceOf = async (reference: string) =>
    (
      await store.db
        .select({ practice: optOutRequests.practiceCode })
        .from(optOutRequests)
        .where(eq(optOutRequests.reference, reference))
    )[0]?.practice;

  /** Three applied requests, two at A81001 and one at B82002, as the match file said. */
  async function appliedAtPractices(): Promise<[string, string, string]> {
    const refs: [string, string, string] = [
      await addOptOut(services, { ...optOutFields, email: '' }),
      await addOptOut(services, { ...optOutFields, email: '' }),
      await addOptOut(services, { ...optOutFields, email: '' }),
    ];
    for (const reference of refs) await step(reference, 'confirm-contact', {});
    const [a, b, c] = refs;
    const file = `${[HEADINGS, `${a},Y,Y,Y,Y,A81001`, `${b},Y,Y,Y,Y,a81001`, `${c},Y,Y,Y,Y,B82002`].join('\n')}\n`;
    const outcome = await uploadMatchFile(
      { db: store.db, keyring: services.keyring, settings: services.settings },
      [new TextEncoder().encode(file)],
      { actorId: officer, now },
    );
    expect(outcome).toEqual(expect.objectContaining({ kind: 'applied', checked: 3 }));
    for (const reference of refs) expect((await step(reference, 'apply', { date: '2026-12-07' })).status).toBe(200);
    return refs;
  }

  it('keeps the practice the match file gave on each request', async () => {
    const [a, b, c] = await appliedAtPractices();
    expect([await practiceOf(a), await practiceOf(b), await practiceOf(c)]).toEqual(['A81001', 'A81001', 'B82002']);
  });

  it("cuts one practice's file, leaves the others waiting, and lists what waits per practice", async () => {
    const [a, b, c] = await appliedAtPractices();
    const page = await (await route('GET', '/staff/opt-outs/export')(ctx({}))).text();
    expect(page).toMatch(/<option value=""[^>]*>Every practice \(3 waiting\)<\/option>/);
    expect(page).toContain('<option value="A81001">A81001 (2 waiting)</option>');
    expect(page).toContain('<option value="B82002">B82002 (1 waiting)</option>');

    const first = await exportCsv({ practice: 'A81001' });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toMatch(/batch-\d+-A81001-/);
    expect(await references(first)).toEqual([a, b].sort());
    const again = await exportCsv({ practice: 'A81001' });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('href="#practice"');

    const rest = await exportCsv({ practice: '' });
    expect(await references(rest)).toEqual([c]);
    const after = await (await route('GET', '/staff/opt-outs/export')(ctx({}))).text();
    expect(after).toMatch(/<td class="nhsuk-table__cell">A81001<\/td>/);
    expect(after).toMatch(/<td class="nhsuk-table__cell">Every practice<\/td>/);
    const exports = (await auditActions(store.db)).filter((entry) => entry.action === 'opt-out.export');
    expect(exports.map((entry) => entry.detail)).toEqual([{ rows: 2, practice: 'A81001' }, { rows: 1 }]);
  });

  it('refuses a practice that is not an ODS code, in plain words, and makes no batch', async () => {
    await appliedAtPractices();
    const response = await exportCsv({ practice: '=A1' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Choose a GP practice from the list, or every practice');
    expect(html).toContain('href="#practice"');
    expect((await auditActions(store.db)).filter((entry) => entry.action === 'opt-out.export')).toEqual([]);
  });
});
