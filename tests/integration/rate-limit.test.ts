import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../../src/server/abuse/rate-limit.ts';
import { rateLimits } from '../../src/server/db/abuse-schema.ts';
import type { Store } from '../../src/server/db/client.ts';
import { log } from '../../src/server/log.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

describeEachStore('rate limits kept in the database', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  it('lets a client submit up to its hourly limit, then asks it to wait', async () => {
    const consume = createRateLimiter(store.db, keyring, { scope: 't1', perClientPerHour: 3, globalPerMinute: 100 });
    for (let i = 0; i < 3; i += 1) expect(await consume('203.0.113.7')).toEqual({ allowed: true });
    const blocked = await consume('203.0.113.7');
    expect(blocked.allowed).toBe(false);
    if (!blocked.allowed) expect(blocked.retryAfterSeconds).toBeGreaterThan(3000);
    // Another client is not affected.
    expect(await consume('203.0.113.8')).toEqual({ allowed: true });
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as its IPv4 one (issue 15)', async () => {
    const consume = createRateLimiter(store.db, keyring, { scope: 't7', perClientPerHour: 2, globalPerMinute: 100 });
    expect((await consume('2001:db8:5:6::1')).allowed).toBe(true);
    expect((await consume('2001:db8:5:6:ffff:ffff:ffff:fffe')).allowed).toBe(true);
    expect((await consume('2001:db8:5:6:1234::42')).allowed).toBe(false); // a third address, the same /64
    expect((await consume('2001:db8:5:7::1')).allowed).toBe(true); // the next /64 is another client
    expect((await consume('203.0.113.50')).allowed).toBe(true);
    expect((await consume('203.0.113.50')).allowed).toBe(true);
    expect((await consume('::ffff:203.0.113.50')).allowed).toBe(false);
  });

  it('holds a global limit across many clients, and across limiter instances (function instances)', async () => {
    const policy = { scope: 't2', perClientPerHour: 100, globalPerMinute: 4 };
    const instanceA = createRateLimiter(store.db, keyring, policy);
    const instanceB = createRateLimiter(store.db, keyring, policy);
    expect((await instanceA('198.51.100.1')).allowed).toBe(true);
    expect((await instanceB('198.51.100.2')).allowed).toBe(true);
    expect((await instanceA('198.51.100.3')).allowed).toBe(true);
    expect((await instanceB('198.51.100.4')).allowed).toBe(true);
    expect((await instanceA('198.51.100.5')).allowed).toBe(false);
  });

  it('spreads a large global limit over several rows and never lets more through than the limit', async () => {
    const consume = createRateLimiter(store.db, keyring, { scope: 't4', perClientPerHour: 1000, globalPerMinute: 400 });
    let allowed = 0;
    for (let i = 0; i < 440; i += 1) if ((await consume(`198.51.100.${i % 250}`)).allowed) allowed += 1;
    expect(allowed).toBeLessThanOrEqual(400);
    expect(allowed).toBeGreaterThan(300);
    const globalRows = (await store.db.select().from(rateLimits)).filter((row) => row.key.startsWith('t4:global'));
    expect(globalRows.length).toBe(8);
  });

  it('charges a large global limit in reserved blocks, not one database write per request', async () => {
    const consume = createRateLimiter(store.db, keyring, { scope: 't5', perClientPerHour: 100, globalPerMinute: 5000 });
    for (let i = 0; i < 25; i += 1) expect((await consume(`198.51.100.${i}`)).allowed).toBe(true);
    const globalRows = (await store.db.select().from(rateLimits)).filter((row) => row.key.startsWith('t5:global'));
    // Blocks of 10: three reservations cover 25 requests, and every request was covered by one.
    expect(globalRows.reduce((sum, row) => sum + row.points, 0)).toBe(30);
  });

  it('reserves one block at a time when many requests arrive together, so no reserved point is wasted', async () => {
    const consume = createRateLimiter(store.db, keyring, { scope: 't8', perClientPerHour: 100, globalPerMinute: 5000 });
    const decisions = await Promise.all(Array.from({ length: 25 }, (_, i) => consume(`198.51.100.${i}`)));
    expect(decisions.every((decision) => decision.allowed)).toBe(true);
    const globalRows = (await store.db.select().from(rateLimits)).filter((row) => row.key.startsWith('t8:global'));
    // As one at a time: three blocks of 10 for 25 requests. Each request reserving its own block
    // would charge 250 points and spend 25 of them, so a burst would meet the global limit at a
    // tenth of its size.
    expect(globalRows.reduce((sum, row) => sum + row.points, 0)).toBe(30);
  });

  it('counts hits from one client that arrive together exactly, as if one at a time', async () => {
    // The shared statement itself must work: a failed batch falls back to one row at a time and warns.
    const warn = vi.spyOn(log, 'warn');
    const consume = createRateLimiter(store.db, keyring, { scope: 't6', perClientPerHour: 3, globalPerMinute: 1000 });
    const decisions = await Promise.all(Array.from({ length: 10 }, () => consume('203.0.113.77')));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(3);
    const [row] = (await store.db.select().from(rateLimits)).filter((r) => r.key.startsWith('t6:client'));
    expect(row?.points).toBe(10);
    expect(warn.mock.calls.filter(([message]) => message.startsWith('A shared write failed'))).toEqual([]);
    warn.mockRestore();
  });

  it('never stores the IP address itself', async () => {
    const consume = createRateLimiter(store.db, keyring, { scope: 't3', perClientPerHour: 5, globalPerMinute: 5 });
    await consume('192.0.2.55');
    const rows = await store.db.select().from(rateLimits);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('192.0.2.55');
  });
});
