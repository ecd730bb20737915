import { randomBytes } from 'node:crypto';
import { hashPassword, SCRYPT, verifyPassword } from '../src/server/staff/auth/passwords.ts';
import { benchArguments } from './lib/arguments.ts';
import { percentile, printTable } from './lib/format.ts';

/**
 * The scrypt work of one staff sign-in (checking a password against its stored hash), at the cost
 * before issue 15 (N=2^15) and at today's (SCRYPT, N=2^17): the median and slowest of several
 * runs each, one at a time, as a sign-in does it. Nothing else is timed.
 */
const args = benchArguments(`Usage: npm run bench -- password-hash [runs, default 9]

Time to check a staff password (one sign-in's scrypt work) at N=2^15 and at today's cost.`);
const runs = args.count(0, 9, 'number of runs');
const password = randomBytes(12).toString('base64url');

const costs = [
  { label: 'N=2^15, r=8, p=1 (before)', cost: { N: 2 ** 15, r: 8, p: 1, keyLength: 32 } },
  { label: `N=2^${Math.log2(SCRYPT.N)}, r=${SCRYPT.r}, p=${SCRYPT.p} (today)`, cost: SCRYPT },
];
const rows = [];
for (const { label, cost } of costs) {
  const stored = await hashPassword(password, cost);
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const start = performance.now();
    if (!(await verifyPassword(password, stored))) throw new Error('The password did not check');
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  rows.push({
    cost: label,
    runs,
    'median ms': percentile(times, 50).toFixed(0),
    'slowest ms': (times.at(-1) ?? 0).toFixed(0),
  });
}
printTable(rows);
