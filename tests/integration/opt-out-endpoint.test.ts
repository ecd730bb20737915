import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { optOutBody } from '../../bench/lib/opt-out-bodies.ts';
import optOut from '../../functions/opt-out.ts';
import { installServices, type Services } from '../../src/server/services.ts';
import { postJson } from '../support/handlers.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

const post = (body: unknown, ip: string) => postJson(optOut, '/api/opt-out', body, ip);

// The database unavailable at submit time: tests/integration/faults-database.test.ts.
describe('POST /api/opt-out', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  let services: Services;
  beforeAll(async () => {
    store = await openPgliteStore();
    services = await testServices(store);
    installServices(services);
  });
  afterAll(async () => store.dispose());

  it('gives a reference when the database is up', async () => {
    const response = await post({ ...optOutBody(1), idempotencyKey: randomUUID() }, '192.0.2.20');
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ reference: expect.stringMatching(/^[A-Z2-9]{8}$/) });
  });

  it('refuses a phone number staff cannot call back, saying what to do, and records nothing', async () => {
    for (const phone of ['070 1234 5678', '0845 123 4567', '07700 900982']) {
      const response = await post({ ...optOutBody(2), phone, idempotencyKey: randomUUID() }, '192.0.2.21');
      expect(response.status, phone).toBe(422);
      const { errors } = (await response.json()) as { errors: { field: string; message: string }[] };
      expect(errors, phone).toEqual([{ field: 'phone', message: expect.stringMatching(/^(Enter|Check) /) }]);
    }
    const accepted = await post(
      { ...optOutBody(3), phone: '020 7946 0982', idempotencyKey: randomUUID() },
      '192.0.2.21',
    );
    expect(accepted.status).toBe(201);
  });
});
