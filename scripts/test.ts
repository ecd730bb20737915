import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

/**
 * `npm test`: every quality gate in order, stopping at the first that fails, then one closing
 * line with the number of tests passed and failed across the unit, storage and browser suites.
 */
const steps: {
  name: string;
  command: string;
  args: string[];
  /** An exit code meaning "could not be checked here": shown as NOT CHECKED, the run goes on. */
  notCheckedCode?: number;
}[] = [
  { name: 'Lint and format (Biome)', command: 'biome', args: ['ci', '.'] },
  {
    name: 'Dependency audit (npm audit --omit=dev against .ci/audit-allow-list.json)',
    command: 'node',
    args: ['--import', 'tsx', 'scripts/audit-dependencies.ts'],
    notCheckedCode: 3,
  },
  { name: 'Type check (astro check)', command: 'astro', args: ['check'] },
  { name: 'Type check (tsc)', command: 'tsc', args: ['-p', 'tsconfig.json', '--noEmit'] },
  {
    name: 'Unit and storage tests (Vitest; PGlite and PostgreSQL)',
    command: 'vitest',
    args: ['run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json'],
  },
  {
    name: 'Multi-process tests, run alone (Vitest; PostgreSQL)',
    command: 'vitest',
    args: [
      'run',
      '--config',
      'vitest.serial.config.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=reports/vitest-serial.json',
    ],
  },
  {
    name: 'Content check (every entry against its schema)',
    command: 'node',
    args: ['--import', 'tsx', 'scripts/validate-content.ts'],
  },
  // The same build `npm run build` and Netlify make (scripts/build-site.ts: astro build, the Easy Read
  // pictures written into their pages, unused CSS out), so the checks and journeys below see the
  // site as it is deployed.
  {
    name: 'Build the site (astro build, Easy Read pictures written in, unused CSS out)',
    command: 'node',
    args: ['--import', 'tsx', 'scripts/build-site.ts'],
  },
  {
    name: 'Built-site checks: every class has a rule after the purge, every page a description and card, no React in the islands, no developer comments sent, no English UI string inside Polish or Urdu text (Vitest)',
    command: 'env',
    args: [
      'CHECK_BUILT_SITE=dist',
      'vitest',
      'run',
      'tests/unit/css-coverage.test.ts',
      'tests/unit/page-meta.test.ts',
      'tests/unit/browser-runtime.test.ts',
      'tests/unit/built-html.test.ts',
      'tests/unit/built-language.test.ts',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=reports/vitest-built.json',
    ],
  },
  // As `npm run build` does, so the browser journeys get what the server sends after a real build.
  { name: 'Compress the built site', command: 'node', args: ['--import', 'tsx', 'scripts/compress-dist.ts'] },
  {
    name: 'Reading age of every built page, page a function renders, form message and email (docs/reading-age.md)',
    command: 'node',
    args: ['--import', 'tsx', 'scripts/reading-age-built.ts'],
  },
  { name: 'Browser journeys and axe (Playwright, Chromium)', command: 'playwright', args: ['test'] },
  {
    name: "The functions as deployed: Netlify's bundles outside the repository, on PostgreSQL directly and through pgbouncer (Playwright)",
    command: 'playwright',
    args: ['test', '--config', 'playwright.platform.config.ts'],
  },
];

// Reports live outside test-results/, which Playwright empties when it starts.
rmSync('reports', { recursive: true, force: true });
mkdirSync('reports', { recursive: true });
let failedStep: string | undefined;
const notChecked: string[] = [];
for (const step of steps) {
  process.stdout.write(`\n=== ${step.name}\n`);
  const started = Date.now();
  const result = spawnSync(step.command, step.args, { stdio: 'inherit', env: process.env });
  const skipped = step.notCheckedCode !== undefined && result.status === step.notCheckedCode;
  const outcome = result.status === 0 ? 'ok' : skipped ? 'NOT CHECKED' : 'FAILED';
  process.stdout.write(`=== ${step.name}: ${outcome} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  if (skipped) notChecked.push(step.name);
  else if (result.status !== 0) {
    failedStep = step.name;
    break;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0, flaky: 0 };
for (const file of ['reports/vitest.json', 'reports/vitest-serial.json', 'reports/vitest-built.json']) {
  if (!existsSync(file)) continue;
  const v = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += v.numFailedTests ?? 0;
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
for (const file of ['reports/playwright.json', 'reports/playwright-platform.json']) {
  if (!existsSync(file)) continue;
  const p = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += (p.stats?.expected ?? 0) + (p.stats?.flaky ?? 0);
  totals.flaky += p.stats?.flaky ?? 0;
  totals.failed += p.stats?.unexpected ?? 0;
  totals.skipped += p.stats?.skipped ?? 0;
}
if (failedStep) process.stdout.write(`\nFAILED at: ${failedStep}\n`);
for (const name of notChecked) process.stdout.write(`\nNOT CHECKED: ${name}\n`);
process.stdout.write(
  `\ntests: ${totals.passed} passed${totals.flaky ? ` (${totals.flaky} only on a retry: see the list above)` : ''}, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(failedStep ? 1 : 0);
