import { eq, sql } from 'drizzle-orm';
import { STAFF_ROLES, type StaffAccountStatus, type StaffRole } from '../../../domain/staff.ts';
import { decryptField, encryptField, type Keyring, lookupHmac } from '../../crypto/field-crypto.ts';
import { nextId, slotOf } from '../../crypto/slots.ts';
import type { Database } from '../../db/client.ts';
import { staffUsers } from '../../db/staff-schema.ts';
import { issueSetupToken } from './setup-tokens.ts';

/** What account code needs: the database and the keys for the encrypted name and email. */
export interface AccountDeps {
  db: Database;
  keyring: Keyring;
}

export interface StaffAccount {
  id: number;
  name: string;
  email: string;
  roles: StaffRole[];
  status: StaffAccountStatus;
  lastSignInAt: Date | null;
  lockedUntil: Date | null;
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** How sign-in finds an account without decrypting every address. */
export const emailHmac = (keyring: Keyring, email: string): string =>
  lookupHmac(keyring, `staff-email:${normaliseEmail(email)}`);

/** Roles as stored, keeping only known ones (an unknown role grants nothing). */
export const knownRoles = (roles: readonly string[]): StaffRole[] => STAFF_ROLES.filter((role) => roles.includes(role));

export class DuplicateAccountError extends Error {
  override name = 'DuplicateAccountError';
}

type Row = typeof staffUsers.$inferSelect;

export function toAccount(keyring: Keyring, row: Row): StaffAccount {
  return {
    id: row.id,
    name: decryptField(keyring, row.nameEncrypted, slotOf(staffUsers.nameEncrypted, row.id)),
    email: decryptField(keyring, row.emailEncrypted, slotOf(staffUsers.emailEncrypted, row.id)),
    roles: knownRoles(row.roles),
    status: row.status,
    lastSignInAt: row.lastSignInAt,
    lockedUntil: row.lockedUntil,
  };
}

/**
 * Creates an invited account and its one-time set-up link token. There is no password until the
 * person chooses one through the link: no default or temporary passwords exist anywhere.
 */
export async function createAccount(
  deps: AccountDeps,
  input: { email: string; name: string; roles: readonly StaffRole[]; createdBy: number | null },
  now: Date,
): Promise<{ id: number; token: string }> {
  const hmac = emailHmac(deps.keyring, input.email);
  const [existing] = await deps.db
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(eq(staffUsers.emailHmac, hmac))
    .limit(1);
  if (existing) throw new DuplicateAccountError('An account with this email address already exists');
  // The id is reserved first so the name and email can be encrypted for this account's row.
  const id = await nextId(deps.db, staffUsers);
  const [row] = await deps.db
    .insert(staffUsers)
    .values({
      id,
      emailHmac: hmac,
      emailEncrypted: encryptField(deps.keyring, normaliseEmail(input.email), slotOf(staffUsers.emailEncrypted, id)),
      nameEncrypted: encryptField(deps.keyring, input.name.trim(), slotOf(staffUsers.nameEncrypted, id)),
      roles: [...knownRoles(input.roles)],
      status: 'invited',
      createdAt: now,
      createdBy: input.createdBy,
    })
    .returning({ id: staffUsers.id });
  if (!row) throw new Error('The staff account was not saved');
  const token = await issueSetupToken(deps.db, row.id, 'set-up', now);
  return { id: row.id, token };
}

export async function findAccountRow(db: Database, id: number): Promise<Row | undefined> {
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, id)).limit(1);
  return row;
}

export async function findAccountRowByEmail(deps: AccountDeps, email: string): Promise<Row | undefined> {
  const [row] = await deps.db
    .select()
    .from(staffUsers)
    .where(eq(staffUsers.emailHmac, emailHmac(deps.keyring, email)))
    .limit(1);
  return row;
}

export async function listAccounts(deps: AccountDeps): Promise<StaffAccount[]> {
  const rows = await deps.db.select().from(staffUsers).orderBy(staffUsers.id);
  return rows.map((row) => toAccount(deps.keyring, row));
}

/** How many staff accounts exist, whatever their state: `npm start` says how to make the first only when none does. */
export async function countAccounts(db: Database): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(staffUsers);
  return row?.count ?? 0;
}
