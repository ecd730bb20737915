import { afterEach, beforeEach, expect, it } from 'vitest';
import { rateLimits } from '../../src/server/db/abuse-schema.ts';
import type { Store } from '../../src/server/db/client.ts';
import { optOutDrafts } from '../../src/server/db/opt-out-schema.ts';
import { saveDraft } from '../../src/server/opt-out/drafts.ts';
import { runRetention } from '../../src/server/retention.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';
import { describeEachStore, testKeyring } from '../support/stores.ts';

describeEachStore('the retention job', (open) => {
  let store: Store & { dispose(): Promise<void> };
  const keyring = testKeyring();
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => store.dispose());

  it('deletes unfinished opt-out drafts once they expire, and keeps the ones still in use', async () => {
    const settings = await readSiteSettings();
    const threeHoursAgo = new Date(Date.now() - 3 * 60 * 60 * 1000);
    await saveDraft(
      { db: store.db, keyring, settings, now: () => threeHoursAgo },
      { fields: { fullName: 'Old Draft' }, proxy: false },
    );
    await saveDraft({ db: store.db, keyring, settings }, { fields: { fullName: 'Current Draft' }, proxy: false });
    await store.db.insert(rateLimits).values([
      { key: 'old', points: 3, expire: new Date(Date.now() - 2 * 60 * 60 * 1000) },
      { key: 'live', points: 1, expire: new Date(Date.now() + 60 * 1000) },
    ]);

    expect(await runRetention({ db: store.db, keyring, settings })).toEqual({ drafts: 1, rateLimits: 1 });
    expect(await store.db.select().from(optOutDrafts)).toHaveLength(1);
    expect((await store.db.select().from(rateLimits)).map((row) => row.key)).toEqual(['live']);
  });
});
