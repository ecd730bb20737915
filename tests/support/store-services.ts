import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../../src/server/db/client.ts';
import type { Services } from '../../src/server/services.ts';
import { testServices } from './stores.ts';

/**
 * A fresh store and its services for each test of a describeEachStore suite, disposed after it,
 * so tests never share rows. Read `current.store` and `current.services` inside a test.
 */
export function freshStoreEachTest(open: () => Promise<Store & { dispose(): Promise<void> }>) {
  const current = {} as { store: Store & { dispose(): Promise<void> }; services: Services };
  beforeEach(async () => {
    current.store = await open();
    current.services = await testServices(current.store);
  });
  afterEach(async () => current.store.dispose());
  return current;
}
