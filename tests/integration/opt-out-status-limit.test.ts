import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optOutBody } from '../../bench/lib/opt-out-bodies.ts';
import optOut from '../../functions/opt-out.ts';
import optOutStatus from '../../functions/opt-out-status.ts';
import optOutWithdraw from '../../functions/opt-out-withdraw.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { installServices } from '../../src/server/services.ts';
import { postJson } from '../support/handlers.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

/**
 * Someone who knows a reference (from a shoulder, a screenshot, a letter) tries dates of birth
 * until the status page answers (issue 15, item 4). The per-client limit does not stop them:
 * they change address. Each reference allows 10 wrong dates of birth a day; after that every
 * look-up for it is refused — the right date too — and its owner is emailed, once.
 */
const LIMIT = 10;
const wrongDates = Array.from({ length: 20 }, (_, i) => `1981-02-${String(i + 1).padStart(2, '0')}`);
let nextAddress = 0;
/** Every try from a new address, as an attacker with many would do. */
const lookUp = (reference: string, dateOfBirth: string) => {
  nextAddress += 1;
  return postJson(optOutStatus, '/api/opt-out/status', { reference, dateOfBirth }, `198.51.100.${nextAddress % 250}`);
};

describe('status look-ups for one reference', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  beforeAll(async () => {
    store = await openPgliteStore();
    installServices(await testServices(store));
  });
  afterAll(async () => store.dispose());

  const newRequest = async (n: number) => {
    const saved = await postJson(
      optOut,
      '/api/opt-out',
      { ...optOutBody(n), idempotencyKey: randomUUID() },
      '192.0.2.1',
    );
    expect(saved.status).toBe(201);
    return ((await saved.json()) as { reference: string }).reference;
  };
  const lockedEmails = async (reference: string) =>
    (await store.db.select().from(outboxMessages)).filter(
      (m) => m.template === 'opt-out-status-locked' && m.dedupeKey.startsWith(`opt-out:${reference}:`),
    );

  it(`stop after ${LIMIT} wrong dates of birth in a day, even for the right date and from any address`, async () => {
    const reference = await newRequest(41);
    for (const date of wrongDates.slice(0, LIMIT)) expect((await lookUp(reference, date)).status).toBe(404);
    const right = await lookUp(reference, '1980-01-01');
    expect(right.status).toBe(429);
    expect(await right.json()).toEqual({
      errors: [{ field: 'reference', message: expect.stringContaining('too many times') }],
    });
    const withdraw = await optOutWithdraw(
      new Request('http://local/api/opt-out/withdraw', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ reference, dateOfBirthDay: '1', dateOfBirthMonth: '1', dateOfBirthYear: '1980' }),
      }),
      { params: {}, ip: '203.0.113.200' },
    );
    expect(withdraw.status).toBe(429);
    expect(await withdraw.text()).toContain('too many times');
  });

  it('count tries sent all at once, so a burst of guesses gets no more than the limit', async () => {
    const reference = await newRequest(46);
    const answers = await Promise.all(wrongDates.map((date) => lookUp(reference, date)));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 404)).toHaveLength(LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(wrongDates.length - LIMIT);
    expect((await lookUp(reference, '1980-01-01')).status).toBe(429);
  });

  it('email the owner once, when the limit is reached', async () => {
    const reference = await newRequest(42);
    for (const date of wrongDates.slice(0, LIMIT - 1)) await lookUp(reference, date);
    expect(await lockedEmails(reference)).toHaveLength(0);
    for (const date of wrongDates.slice(LIMIT - 1)) await lookUp(reference, date);
    expect(await lockedEmails(reference)).toHaveLength(1);
  });

  it('answer the right date of birth while under the limit, and leave other references alone', async () => {
    const reference = await newRequest(43);
    for (const date of wrongDates.slice(0, LIMIT - 1)) await lookUp(reference, date);
    expect((await lookUp(reference, '1980-01-01')).status).toBe(200);
    const other = await newRequest(44);
    for (const date of wrongDates.slice(0, LIMIT)) await lookUp(reference, date);
    expect((await lookUp(other, '1980-01-01')).status).toBe(200);
  });

  it('refuse an unknown reference the same way, so the refusal does not tell which references exist', async () => {
    const known = await newRequest(45);
    for (const date of wrongDates.slice(0, LIMIT)) await lookUp(known, date);
    const unknown = 'AB2CD3EF';
    for (const date of wrongDates.slice(0, LIMIT)) expect((await lookUp(unknown, date)).status).toBe(404);
    const [a, b] = [await lookUp(known, '1980-01-01'), await lookUp(unknown, '1980-01-01')];
    expect([a.status, b.status]).toEqual([429, 429]);
    expect(await a.json()).toEqual(await b.json());
  });
});
