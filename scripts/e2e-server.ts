import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { StaffRole } from '../src/domain/staff.ts';
import { loadEnv } from '../src/server/env.ts';
import { closeServices, installServices, openServices } from '../src/server/services.ts';
import { inviteStaff } from '../src/server/staff/accounts/account-changes.ts';
import { setupLink } from '../src/server/staff/auth/setup-tokens.ts';

/**
 * The Playwright web server (playwright.config.ts): makes the staff accounts the journeys use,
 * then starts the real server. PGlite is one connection in one process, so accounts must exist
 * before the server opens the database — a test cannot run the command line while it runs.
 *
 * - Two first admins through the real `staff add` command line (the first-admin journey runs in
 *   the js and no-js projects, and a set-up link works once).
 * - A pool of 20 spare accounts per role for `signInAs()` (each journey signs in a fresh one, in
 *   both projects), made in one process by the same code the command line calls (running the
 *   command line 60 times would take minutes).
 * Links go to E2E_DATA_DIR/staff-accounts.json, which tests/e2e/staff-support.ts reads.
 */
export const POOL_PER_ROLE = 30;
const dataDir = process.env['DATA_DIR'];
if (!dataDir) throw new Error('DATA_DIR must be set (playwright.config.ts sets it)');

interface PoolEntry {
  key: string;
  email: string;
  roles: StaffRole[];
  link: string;
}

const accounts: PoolEntry[] = [];
for (const n of [1, 2]) {
  const email = `first-admin-${n}@staff.example`;
  const out = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/staff.ts',
      'add',
      '--email',
      email,
      '--name',
      `First Admin ${n}`,
      '--role',
      'admin',
      '--json',
    ],
    { env: process.env, encoding: 'utf8' },
  );
  const { link } = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { link: string };
  accounts.push({ key: `first-admin-${n}`, email, roles: ['admin'], link });
}

const services = await openServices(loadEnv());
installServices(services);
const now = new Date();
for (const role of ['comms', 'ig', 'admin'] as const) {
  for (let n = 1; n <= POOL_PER_ROLE; n += 1) {
    const email = `${role}-${n}@staff.example`;
    const created = await inviteStaff(services, { email, name: `Test ${role} ${n}`, roles: [role] }, null, now);
    accounts.push({ key: `${role}-${n}`, email, roles: [role], link: setupLink(services.siteUrl, created.token) });
  }
}
await closeServices();
writeFileSync(join(dataDir, 'staff-accounts.json'), JSON.stringify(accounts, null, 2));

const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
  env: process.env,
  stdio: ['inherit', 'pipe', 'pipe'],
});
// The server's log passes through as it was; every error-level line is also kept in
// DATA_DIR/server-errors.jsonl, and the journeys fail if any was written (tests/e2e/global-setup.ts):
// no journey injects a fault, so an error in the server's log is a defect, not noise.
const errorsFile = join(dataDir, 'server-errors.jsonl');
for (const [stream, out] of [
  [server.stdout, process.stdout],
  [server.stderr, process.stderr],
] as const) {
  createInterface({ input: stream }).on('line', (line) => {
    out.write(`${line}\n`);
    if (/^\{.*"level":"error"/.test(line)) appendFileSync(errorsFile, `${line}\n`);
  });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
