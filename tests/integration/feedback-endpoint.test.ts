import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import feedback from '../../functions/feedback.ts';
import { installServices, type Services } from '../../src/server/services.ts';
import { postJson } from '../support/handlers.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

const post = (body: unknown, ip = '192.0.2.10') => postJson(feedback, '/api/feedback', body, ip);

describe('POST /api/feedback as JSON', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  let services: Services;
  beforeAll(async () => {
    store = await openPgliteStore();
    services = await testServices(store, { RATE_LIMIT_PER_CLIENT_PER_HOUR: '3' });
    installServices(services);
  });
  afterAll(async () => store.dispose());

  it('answers 201 with a reference, 422 with plain-words errors, 400 for a bot', async () => {
    const ok = await post({
      type: 'compliment',
      message: 'Lovely staff',
      replyBy: 'none',
      idempotencyKey: randomUUID(),
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ reference: expect.stringMatching(/^[A-Y2-9]{8}$/) });

    const invalid = await post({ type: 'question' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({
      errors: [
        { field: 'message', message: 'Enter your message' },
        { field: 'replyBy', message: 'Select if you want a reply' },
      ],
    });

    const bot = await post({ type: 'question', message: 'buy', replyBy: 'none', website: 'http://spam' });
    expect(bot.status).toBe(400);
  });

  it('answers 429 with Retry-After once a client is over its hourly limit', async () => {
    const body = () => ({ type: 'question', message: 'Q', replyBy: 'none', idempotencyKey: randomUUID() });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post(body(), '198.51.100.99')).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
