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

  it('refuses a reply by phone to a number no line uses, saying what to do, beside the phone box', async () => {
    const question = (phone: string) => ({
      type: 'question',
      message: 'Who can see my record?',
      replyBy: 'phone',
      phone,
      name: 'Pat',
      idempotencyKey: randomUUID(),
    });
    const refused = await post(question('07700 900982'), '192.0.2.30');
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({
      errors: [
        {
          field: 'phone',
          message:
            'Check your phone number: it is not a UK landline or mobile number in use. Enter the number you answer',
        },
      ],
    });
    expect((await post(question('020 7946 0982'), '192.0.2.30')).status).toBe(201);
  });

  it('answers 429 with Retry-After once a client is over its hourly limit', async () => {
    const body = () => ({ type: 'question', message: 'Q', replyBy: 'none', idempotencyKey: randomUUID() });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await post(body(), '198.51.100.99')).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});
