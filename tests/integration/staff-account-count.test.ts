import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import { staffUsers } from '../../src/server/db/staff-schema.ts';
import type { Services } from '../../src/server/services.ts';
import { countAccounts, createAccount } from '../../src/server/staff/auth/accounts.ts';
import { activeStaff } from '../support/staff-auth-fixtures.ts';
import { describeEachStore, testServices } from '../support/stores.ts';

/**
 * What `npm start` asks before it says whether there is a staff account yet (start-banner.ts):
 * every account counts, whatever its state, so the banner never tells a team that signs in that it has none.
 */
describeEachStore('Staff accounts: how many there are, for the start banner', (open) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;

  beforeAll(async () => {
    store = await open();
    services = await testServices(store);
  }, 60_000);
  afterAll(() => store.dispose());

  test('a new database has none; an invited, an active and a disabled account are each counted', async () => {
    expect(await countAccounts(services.store.db)).toBe(0);
    const deps = { db: services.store.db, keyring: services.keyring };
    await createAccount(
      deps,
      { email: 'invited@staff.example', name: 'Ivy Invited', roles: ['admin'], createdBy: null },
      new Date(),
    );
    expect(await countAccounts(services.store.db)).toBe(1);
    await activeStaff(services, ['comms']);
    const gone = await activeStaff(services, ['ig']);
    await services.store.db.update(staffUsers).set({ status: 'disabled' }).where(eq(staffUsers.id, gone.id));
    expect(await countAccounts(services.store.db)).toBe(3);
  });
});
