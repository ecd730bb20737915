import { parseArgs } from 'node:util';
import { STAFF_ROLES, type StaffRole } from '../src/domain/staff.ts';
import { loadEnv } from '../src/server/env.ts';
import { closeServices, installServices, openServices } from '../src/server/services.ts';
import { inviteStaff, resetAccount, setDisabled } from '../src/server/staff/accounts/account-changes.ts';
import { findAccountRowByEmail } from '../src/server/staff/auth/accounts.ts';
import { setupLink } from '../src/server/staff/auth/setup-tokens.ts';
import { staffLinkBase } from '../src/server/staff/link-base.ts';

/**
 * Staff accounts from the command line (docs/staff.md):
 *   npm run staff -- add --email a@b.example --name "Ada Admin" --role admin [--role comms]
 *   npm run staff -- reset --email a@b.example
 *   npm run staff -- disable --email a@b.example
 * `add` and `reset` print a one-time set-up link (24 hours). There are no default passwords.
 * With the embedded database (PGlite), stop the server first: only one process can open it.
 * --json prints {"id","link"} instead of prose (the end-to-end server wrapper reads it).
 */
const usage =
  'Usage: npm run staff -- add --email <address> --name <name> --role <comms|ig|admin> [--role …] | reset --email <address> | disable --email <address> | enable --email <address>';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  const email = values.email?.trim();
  if (!command || !email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(usage);
  const env = loadEnv();
  // Before anything is created: a link nobody can open is worse than no account.
  const linkBase = command === 'add' || command === 'reset' ? staffLinkBase(env) : '';
  const services = await openServices(env);
  installServices(services);
  try {
    const now = new Date();
    const print = (id: number, token: string, what: string) =>
      process.stdout.write(
        values.json
          ? `${JSON.stringify({ id, link: setupLink(linkBase, token) })}\n`
          : `${what}\n\nSet-up link (works once, for 24 hours — send it to them privately):\n\n  ${setupLink(linkBase, token)}\n\n`,
      );
    if (command === 'add') {
      const roles = (values.role ?? []).flatMap((role) => role.split(','));
      const bad = roles.filter((role) => !(STAFF_ROLES as readonly string[]).includes(role));
      if (!values.name?.trim() || roles.length === 0 || bad.length) throw new Error(usage);
      const created = await inviteStaff(services, { email, name: values.name, roles: roles as StaffRole[] }, null, now);
      print(created.id, created.token, `Account ${created.id} created with roles: ${roles.join(', ')}.`);
      return;
    }
    const row = await findAccountRowByEmail({ db: services.store.db, keyring: services.keyring }, email);
    if (!row) throw new Error('No staff account has that email address.');
    if (command === 'reset') {
      const token = await resetAccount(services, row.id, null, now);
      if (!token) throw new Error(`Account ${row.id} is disabled: enable it first (enable --email …), then reset it.`);
      print(row.id, token, `Account ${row.id} reset: its password, authenticator and sessions no longer work.`);
    } else if (command === 'disable') {
      await setDisabled(services, row.id, true, null, now);
      process.stdout.write(`Account ${row.id} disabled and signed out everywhere.\n`);
    } else if (command === 'enable') {
      // As explicit as the back office's confirmed Enable, and audited as staff.enable by the command line.
      await setDisabled(services, row.id, false, null, now);
      process.stdout.write(`Account ${row.id} enabled: it signs in again with its own password and authenticator.\n`);
    } else throw new Error(usage);
  } finally {
    await closeServices();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
