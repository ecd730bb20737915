import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

/**
 * `npm run bench -- <name> [arguments]`: runs bench/<name>.ts with the project's pinned Node and
 * tsx. node_modules/.bin goes first on PATH for everything the bench starts as well: a bench that
 * spawns `astro build` or a server through `node` would otherwise get the machine's own Node
 * (v20 here), which Astro and the sources' TypeScript refuse.
 */
const benches = readdirSync('bench')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();
const list = `Usage: npm run bench -- <name> [arguments]   (npm run bench -- <name> --help for its arguments)\n\nBenches: ${benches.join(', ')}\nWhat each measures, and the last figures: docs/benchmarks.md\n`;

const [name, ...args] = process.argv.slice(2);
if (name === undefined || name === '--help' || name === '-h') {
  (name === undefined ? process.stderr : process.stdout).write(list);
  process.exit(name === undefined ? 2 : 0);
}
if (!benches.includes(name)) {
  process.stderr.write(`There is no bench called "${name}".\n\n${list}`);
  process.exit(2);
}

const bin = resolve('node_modules', '.bin');
const result = spawnSync(process.execPath, ['--import', 'tsx', join('bench', `${name}.ts`), ...args], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PATH: [bin, process.env['PATH'] ?? ''].join(delimiter),
    // A public-sector site's builds send no telemetry (see README.md).
    ASTRO_TELEMETRY_DISABLED: '1',
  },
});
if (result.error) throw new Error(`Could not start bench/${name}.ts`, { cause: result.error });
process.exit(result.status ?? 1);
