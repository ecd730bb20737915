import { decryptField } from '../../crypto/field-crypto.ts';
import type { Services } from '../../services.ts';
import type { SignedInStaff } from '../route-table.ts';
import { findAccountRow, knownRoles } from './accounts.ts';

/**
 * The member of staff behind an active session, read afresh on every request: a role removed or
 * an account disabled takes effect at once, not at the next sign-in.
 */
export async function loadSignedInStaff(services: Services, userId: number): Promise<SignedInStaff | undefined> {
  const row = await findAccountRow(services.store.db, userId);
  if (row?.status !== 'active' || !row.totpConfirmedAt) return undefined;
  return { id: row.id, name: decryptField(services.keyring, row.nameEncrypted), roles: knownRoles(row.roles) };
}
