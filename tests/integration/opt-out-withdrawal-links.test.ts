import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { optOutBody } from '../../bench/lib/opt-out-bodies.ts';
import optOutConfirm from '../../functions/opt-out-confirm.ts';
import { calendarDate } from '../../src/domain/calendar-date.ts';
import { validateForm } from '../../src/forms/validation.ts';
import { optOutSchema } from '../../src/schemas/forms/opt-out.ts';
import type { Store } from '../../src/server/db/client.ts';
import { optOutRequests, optOutTokens } from '../../src/server/db/opt-out-schema.ts';
import { optOutEvents } from '../../src/server/db/staff-schema.ts';
import { jsonToFormFields } from '../../src/server/opt-out/json-input.ts';
import { confirmWithdrawal, requestWithdrawal } from '../../src/server/opt-out/status.ts';
import { type OptOutDeps, saveOptOut } from '../../src/server/opt-out/submit.ts';
import { hashToken, newToken } from '../../src/server/opt-out/tokens.ts';
import { getServices, installServices } from '../../src/server/services.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import { takeOptOutStep } from '../../src/server/staff/opt-outs/transitions.ts';
import { describeEachStore, openPgliteStore, testKeyring, testServices } from '../support/stores.ts';

/** A request whose owner has asked to withdraw it, and a withdrawal link's token. */
async function askedToWithdraw(deps: OptOutDeps, key: string) {
  const body = jsonToFormFields(optOutBody(7)).fields;
  const result = validateForm(optOutSchema({ today: calendarDate('2026-11-22'), requireDeclaration: true }), body);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const { reference } = await saveOptOut(deps, result.data, { idempotencyKey: key, evidence: null });
  expect(await requestWithdrawal(deps, { reference, dateOfBirth: calendarDate('1980-01-01') })).toBe('email-sent');
  // A link of our own for the request, made as the emailed one is (its token is only in the email).
  const [row] = await deps.db.select().from(optOutRequests).where(eq(optOutRequests.reference, reference));
  const token = newToken();
  await deps.db.insert(optOutTokens).values({
    tokenHash: hashToken(token),
    requestId: row?.id ?? -1,
    purpose: 'withdraw',
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return { reference, token };
}

/**
 * Withdrawal links (issue 15, item 7): a link opts someone back in once, and only while the
 * request can still be withdrawn — the status is read again, locked, inside the transaction that
 * withdraws it, so a request staff rejected after the email went cannot become "withdrawn".
 */
describeEachStore('withdrawal links', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  const withdrawable = async (key: string) => {
    const deps = { db: store.db, keyring, settings: await readSiteSettings() };
    return { deps, ...(await askedToWithdraw(deps, key)) };
  };

  const statusOf = async (reference: string) =>
    (await store.db.select().from(optOutRequests).where(eq(optOutRequests.reference, reference)))[0]?.status;

  it('a person withdraws with the emailed link once; the same link used again is refused as used', async () => {
    const { deps, reference, token } = await withdrawable('withdraw-once');
    expect(await confirmWithdrawal(deps, token)).toEqual({ outcome: 'withdrawn', reference });
    expect(await confirmWithdrawal(deps, token)).toEqual({ outcome: 'used' });
    expect(await statusOf(reference)).toBe('withdrawn');
  });

  it('a link cannot turn a request staff rejected after the email went into "withdrawn"', async () => {
    const { deps, reference, token } = await withdrawable('withdraw-rejected');
    await takeOptOutStep(deps, {
      reference,
      action: 'reject',
      actorId: 1,
      now: new Date(),
      note: 'Not known at the practice',
    });
    expect(await confirmWithdrawal(deps, token)).toEqual({ outcome: 'not-open', reference, status: 'rejected' });
    expect(await statusOf(reference)).toBe('rejected');
  });

  it('two clicks at once withdraw the request once, with one event in its history', async () => {
    const { deps, reference, token } = await withdrawable('withdraw-race');
    const outcomes = await Promise.all([confirmWithdrawal(deps, token), confirmWithdrawal(deps, token)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['used', 'withdrawn']);
    const [row] = await store.db.select().from(optOutRequests).where(eq(optOutRequests.reference, reference));
    const events = await store.db
      .select()
      .from(optOutEvents)
      .where(eq(optOutEvents.requestId, row?.id ?? -1));
    expect(events.filter((e) => e.toStatus === 'withdrawn')).toEqual([
      expect.objectContaining({ fromStatus: 'received', actorId: null }),
    ]);
  });
});

describe('a withdrawal link opened again', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  beforeAll(async () => {
    store = await openPgliteStore();
    installServices(await testServices(store));
  });
  afterAll(async () => store.dispose());

  it('says plainly that the link was used, on the page and on the button', async () => {
    const services = await getServices();
    const deps = { db: store.db, keyring: services.keyring, settings: services.settings };
    const { token } = await askedToWithdraw(deps, 'page-used');
    const open = () => optOutConfirm(new Request(`http://local/api/opt-out/withdraw/confirm?token=${token}`));
    const press = () =>
      optOutConfirm(
        new Request('http://local/api/opt-out/withdraw/confirm', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }),
        }),
      );
    expect((await open()).status).toBe(200);
    const first = await press();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Your opt-out has been withdrawn');
    for (const again of [await open(), await press()]) {
      expect(again.status).toBe(410);
      expect(await again.text()).toContain('You have already used this link');
    }
  });
});
