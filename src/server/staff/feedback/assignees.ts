import { eq } from 'drizzle-orm';
import type { StaffRole } from '../../../domain/staff.ts';
import { decryptField, type Keyring } from '../../crypto/field-crypto.ts';
import { slotOf } from '../../crypto/slots.ts';
import type { Database } from '../../db/client.ts';
import { staffUsers } from '../../db/staff-schema.ts';

/** A member of staff an item can be given to. */
export interface Assignee {
  id: number;
  name: string;
}

/**
 * Active staff holding one of the roles, by name, for the "assign to someone" choice and to show
 * who holds an item. Staff names are decrypted here only; the team is small, so all are read.
 */
export async function listAssignees(db: Database, keyring: Keyring, roles: readonly StaffRole[]): Promise<Assignee[]> {
  const rows = await db
    .select({ id: staffUsers.id, name: staffUsers.nameEncrypted, roles: staffUsers.roles })
    .from(staffUsers)
    .where(eq(staffUsers.status, 'active'));
  return rows
    .filter((row) => row.roles.some((role) => (roles as readonly string[]).includes(role)))
    .map((row) => ({ id: row.id, name: decryptField(keyring, row.name, slotOf(staffUsers.nameEncrypted, row.id)) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The name of whoever holds an item, or undefined when nobody does or they have left. */
export async function staffName(db: Database, keyring: Keyring, id: number | null): Promise<string | undefined> {
  if (id === null) return undefined;
  const [row] = await db.select({ name: staffUsers.nameEncrypted }).from(staffUsers).where(eq(staffUsers.id, id));
  return row ? decryptField(keyring, row.name, slotOf(staffUsers.nameEncrypted, id)) : undefined;
}
