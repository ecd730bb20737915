import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import feedback from '../../functions/feedback.ts';
import { t } from '../../src/i18n/t.ts';
import { decryptJson } from '../../src/server/crypto/field-crypto.ts';
import { slotOf } from '../../src/server/crypto/slots.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';
import { emailSubscriptions } from '../../src/server/db/subscriptions-schema.ts';
import { installServices, type Services } from '../../src/server/services.ts';
import { openPgliteStore, testServices } from '../support/stores.ts';

const SITE = 'http://local';
const call = (path: string, init: RequestInit = {}) =>
  feedback(new Request(`${SITE}${path}`, init), { params: {}, ip: '192.0.2.40' });
const formPost = (path: string, fields: [string, string][], headers: Record<string, string> = {}) =>
  call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

describe('the email updates routes in the residents’ submission function', () => {
  let store: Awaited<ReturnType<typeof openPgliteStore>>;
  let services: Services;
  beforeAll(async () => {
    store = await openPgliteStore();
    services = await testServices(store);
    installServices(services);
  });
  afterAll(async () => store.dispose());

  it('without JavaScript, an empty sign-up comes back with the error summary linking to each field', async () => {
    const response = await formPost('/api/updates/subscribe', [['email', '']]);
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('<title>Error: Get updates by email');
    for (const [field, message] of [
      ['email', 'Enter your email address'],
      ['topics', 'Select what you want to hear about'],
      ['frequency', 'Select how often you want emails'],
    ]) {
      expect(html).toContain(`href="#${field}"`);
      expect(html).toContain(message);
    }
  });

  it('signs up with two ticked topics, and the one-click POST from a mail provider stops it, from any origin', async () => {
    const address = `one-click-${randomUUID()}@example.com`;
    const signedUp = await formPost('/api/updates/subscribe', [
      ['email', address],
      ['topics', 'events'],
      ['topics', 'you-said-we-did'],
      ['frequency', 'weekly'],
      ['idempotencyKey', randomUUID()],
    ]);
    expect(signedUp.status).toBe(200);
    expect(await signedUp.text()).toContain('Check your email');
    const [row] = await store.db.select().from(emailSubscriptions);
    expect(row?.topics).toEqual(['events', 'you-said-we-did']);

    const [email] = await store.db.select().from(outboxMessages);
    const params = decryptJson(
      services.keyring,
      email?.paramsEncrypted ?? '',
      slotOf(outboxMessages.paramsEncrypted, email?.dedupeKey ?? ''),
    ) as { manageToken: string };
    // A provider's server may send an Origin of its own; the same-origin rule must not stop this one.
    const oneClick = await formPost(
      `/api/updates/unsubscribe?token=${params.manageToken}`,
      [['List-Unsubscribe', 'One-Click']],
      { origin: 'https://mail.provider.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(oneClick.status).toBe(200);
    expect(await store.db.select().from(emailSubscriptions)).toEqual([]);
  });

  it('refuses a sign-up another website makes the browser post, and a GET of the feedback point', async () => {
    const forged = await formPost(
      '/api/updates/subscribe',
      [
        ['email', 'victim@example.com'],
        ['topics', 'all'],
        ['frequency', 'weekly'],
      ],
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(forged.status).toBe(403);
    expect((await call('/api/feedback')).status).toBe(405);
  });

  it('says plainly that a made-up link does not work', async () => {
    const response = await call(`/api/updates/manage?token=${'A'.repeat(43)}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('This link does not work');
  });

  it('in Polish or Urdu without JavaScript, the errors and "check your email" pages stay in that language', async () => {
    for (const lang of ['pl', 'ur'] as const) {
      const empty = await formPost('/api/updates/subscribe', [
        ['email', ''],
        ['lang', lang],
      ]);
      expect(empty.status).toBe(422);
      const errors = await empty.text();
      expect(errors).toContain(`<html lang="${lang}"`);
      expect(errors).toContain(
        `<title>${t('forms.errorTitlePrefix', {}, lang)}${t('subscriptions.page.title', {}, lang)}`,
      );
      expect(errors).toContain(t('subscriptions.errors.topics.required', {}, lang));
      expect(errors).toContain(t('subscriptions.form.email.label', {}, lang));
      expect(errors).not.toContain('Get updates by email');

      const sent = await formPost('/api/updates/subscribe', [
        ['email', `language-${lang}-${randomUUID()}@example.com`],
        ['topics', 'events'],
        ['frequency', 'weekly'],
        ['idempotencyKey', randomUUID()],
        ['lang', lang],
      ]);
      expect(sent.status).toBe(200);
      const check = await sent.text();
      expect(check).toContain(t('subscriptions.check.title', {}, lang));
      expect(check).not.toContain('Check your email');
    }
  });
});
