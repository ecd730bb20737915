import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { judgeAudit } from './audit/allow-list.ts';

/**
 * `npm audit --omit=dev` against .ci/audit-allow-list.json (rules: scripts/audit/allow-list.ts).
 * Exit 0: no advisory, or only accepted ones. Exit 1: an advisory not on the list, or one past its
 * review date. Exit 3: not checked, because npm could not reach the registry's advisory service
 * (some mirrors answer 405); `npm test` shows that as NOT CHECKED rather than ok, and with
 * AUDIT_REQUIRED=true (CI with the public registry) it fails instead.
 */
const NOT_CHECKED = 3;
const ALLOW_LIST = '.ci/audit-allow-list.json';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let output: unknown;
try {
  output = JSON.parse(run.stdout);
} catch {
  output = { message: `npm audit printed no JSON (exit ${run.status}): ${run.stderr.trim().split('\n')[0] ?? ''}` };
}
const verdict = judgeAudit(output, JSON.parse(readFileSync(ALLOW_LIST, 'utf8')), new Date().toISOString().slice(0, 10));

if (verdict.unavailable !== undefined) {
  process.stdout.write(`Dependencies NOT audited: ${verdict.unavailable}\n`);
  process.exit(process.env['AUDIT_REQUIRED'] === 'true' ? 1 : NOT_CHECKED);
}
for (const a of verdict.unlisted) {
  process.stdout.write(`New advisory: ${a.package} — ${a.title} (${a.severity}) ${a.url}\n`);
}
for (const entry of verdict.expired) {
  process.stdout.write(`Accepted advisory past its review date ${entry.reviewBy}: ${entry.package} ${entry.id}\n`);
}
for (const entry of verdict.stale) {
  process.stdout.write(`No longer found, can be removed from ${ALLOW_LIST}: ${entry.package} ${entry.id}\n`);
}
if (!verdict.ok) {
  process.stdout.write(`Update the package, or add the advisory to ${ALLOW_LIST} with a reason and a reviewBy date.\n`);
  process.exit(1);
}
process.stdout.write(
  `Dependencies audited: ${verdict.accepted.length} accepted advisories (${ALLOW_LIST}), no others.\n`,
);
