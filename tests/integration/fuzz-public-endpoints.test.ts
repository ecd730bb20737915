import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installServices } from '../../src/server/services.ts';
import {
  endpoints,
  type Fixture,
  fuzzEndpoint,
  HUGE_BODIES,
  installChangeCounter,
  makeFixture,
  quietLogs,
} from '../support/fuzz-arbitraries.ts';
import { publicHandlers } from '../support/fuzz-handlers.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

/**
 * Fuzzing every public endpoint with fast-check (issue 8): valid, near-valid and hostile requests
 * (wrong types, deep and huge JSON, unknown fields, invalid UTF-8, control characters, script,
 * SQL, wrong content types, truncated multipart, oversized and mislabelled uploads). Properties:
 * no 5xx; every 4xx names the field and says what to do; nothing stored for a rejected request.
 * A CI-sized budget on PGlite; `node bench/fuzz.ts` runs 100,000 per endpoint.
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 250);
/** Endpoints that store something when a request is good: the generators must reach that far. */
const STORING = ['POST /api/opt-out', 'POST /api/feedback'];

describe('Fuzzing the public endpoints [PGlite]', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  let fixture: Fixture;
  let restoreLogs: () => void;
  beforeAll(async () => {
    restoreLogs = quietLogs();
    store = await openPgliteStore();
    const services = await testServices(store, {
      RATE_LIMIT_PER_CLIENT_PER_HOUR: '1000000000',
      RATE_LIMIT_GLOBAL_PER_MINUTE: '1000000000',
    });
    installServices(services);
    fixture = await makeFixture(publicHandlers, services);
    HUGE_BODIES.enabled = true;
  });
  afterAll(async () => {
    restoreLogs();
    await store.dispose();
  });

  it('sees a stored row, so "nothing stored" can fail', async () => {
    const changes = await installChangeCounter(store);
    const before = await changes();
    const response = await publicHandlers.feedback(
      new Request('http://local/api/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'question', message: 'Who can see my record?', replyBy: 'none' }),
      }),
      { params: {}, ip: '192.0.2.9' },
    );
    expect(response.status).toBe(201);
    expect(await changes()).toBeGreaterThan(before);
  });

  for (const endpoint of endpoints(publicHandlers)) {
    it(`${endpoint.name}: no 5xx, every 4xx says what to fix, nothing stored when rejected`, {
      timeout: 90_000,
    }, async () => {
      const tally = await fuzzEndpoint(endpoint, store, fixture, { numRuns: RUNS });
      expect(tally.examples).toEqual([]);
      expect(tally.tried).toBe(RUNS);
      // Hostile input must not be all it sends: some requests are good enough to be answered.
      const answered = Object.entries(tally.statuses).filter(([status]) => Number(status) < 400);
      expect(answered.length).toBeGreaterThan(0);
      if (STORING.includes(endpoint.name)) {
        expect((tally.statuses[201] ?? 0) + (tally.statuses[200] ?? 0) + (tally.statuses[303] ?? 0)).toBeGreaterThan(0);
      }
    });
  }
});
