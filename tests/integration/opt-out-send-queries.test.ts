import { expect, it } from 'vitest';
import { optOutBody } from '../../bench/lib/opt-out-bodies.ts';
import optOut from '../../functions/opt-out.ts';
import optOutCheck from '../../functions/opt-out-check.ts';
import optOutSubmit from '../../functions/opt-out-submit.ts';
import { formPost } from '../../scripts/reading-age-functions.ts';
import type { FunctionContext } from '../../src/server/http/function-module.ts';
import { jsonToFormFields } from '../../src/server/opt-out/json-input.ts';
import { installServices } from '../../src/server/services.ts';
import { watchStatements } from '../support/statements.ts';
import { freshStoreEachTest } from '../support/store-services.ts';
import { openPgliteStore } from '../support/stores.ts';

/**
 * "Send request" reads the draft once and looks for an earlier send only when the draft is gone
 * (issue 16: every read is a round trip on a resident's busiest step), and a second press still
 * shows the first reference.
 */
const current = freshStoreEachTest(openPgliteStore);

const context = (): FunctionContext => ({ params: {}, ip: '198.51.100.77' });
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
const referenceOn = (html: string) => /data-testid="reference"[^>]*>\s*([A-Z2-9]{8})/.exec(html)?.[1];

it('a resident presses "Send request": one read of their draft, then one read more only when they press it again', async () => {
  const { services } = current;
  installServices(services);
  const { fields } = jsonToFormFields(optOutBody(7));
  delete fields['declaration'];
  delete fields['idempotencyKey'];
  const draft = await optOut(formPost('/api/opt-out', fields), context());
  expect(draft.status).toBe(303);
  const cookie = draft.headers.get('set-cookie')?.split(';')[0] ?? '';
  const check = await optOutCheck(new Request('http://local/api/opt-out/check', { headers: { cookie } }));
  const send = { idempotencyKey: hidden(await check.text(), 'idempotencyKey'), declaration: 'yes' };

  const statements = watchStatements(services.store.db);
  // Reads: the draft's (drafts asked for together share it: `with "wanted" …`) and the key's.
  const selects = () => statements.texts().filter((text) => /^(select|with "wanted")/i.test(text));
  const done = await optOutSubmit(formPost('/api/opt-out/submit', send, cookie), context());
  const reference = referenceOn(await done.text());
  expect(done.status).toBe(200);
  expect(reference).toBeDefined();
  // The draft (with its file's details) in one query; no look-up by key before it.
  expect(selects()).toHaveLength(1);

  statements.clear();
  const again = await optOutSubmit(formPost('/api/opt-out/submit', send, cookie), context());
  expect(again.status).toBe(200);
  expect(referenceOn(await again.text())).toBe(reference);
  // The draft went with the first send: its read finds nothing, then the key finds the first request.
  expect(selects()).toHaveLength(2);
  statements.restore();
});
