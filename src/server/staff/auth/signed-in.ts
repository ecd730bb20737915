import { decryptField } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import { staffUsers } from '../../db/staff-schema.ts';
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
  const name = decryptField(services.keyring, row.nameEncrypted, slotOf(staffUsers.nameEncrypted, row.id));
  return { id: row.id, name, roles: knownRoles(row.roles) };
}
