import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * The benches run by the command README.md shows, as a newcomer types it: npm from the machine's
 * PATH, with node_modules/.bin taken off it (the test runner puts it first), so the machine's own
 * Node (v20 on ours) is the one found first, as it was when `node bench/<name>.ts` failed with
 * ERR_UNKNOWN_FILE_EXTENSION. `--help` loads the bench and stops before it measures anything.
 */
const run = promisify(execFile);
const benches = readdirSync('bench')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.slice(0, -'.ts'.length));
const readme = readFileSync('README.md', 'utf8');
const projectBin = resolve('node_modules', '.bin');
const machinePath = (process.env['PATH'] ?? '')
  .split(delimiter)
  .filter((dir) => resolve(dir) !== projectBin)
  .join(delimiter);

/** The command README.md gives for a bench, with the name filled in, split into words. */
function readmeCommand(name: string): string[] {
  const command = /`(npm run bench -- )<name>`/.exec(readme)?.[1];
  if (command === undefined) throw new Error('README.md does not show how to run a bench (`npm run bench -- <name>`)');
  return [...command.trim().split(' '), name];
}

describe('benches', () => {
  it('README.md names every bench in bench/', () => {
    const missing = benches.filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it.concurrent.each(benches)(
    '%s answers --help through npm with the pinned Node, whatever Node the machine has',
    async (name) => {
      const [command = 'npm', ...args] = readmeCommand(name);
      const { stdout } = await run(command, [...args, '--help'], {
        env: { ...process.env, PATH: machinePath, npm_config_loglevel: 'silent' },
        timeout: 120_000,
      });
      expect(stdout).toContain(`Usage: npm run bench -- ${name}`);
    },
    150_000,
  );

  it('names the benches there are when asked for one that does not exist', async () => {
    const failed = await run('npm', ['run', '--silent', 'bench', '--', 'no-such-bench'], {
      env: { ...process.env, PATH: machinePath },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect('stderr' in failed ? failed.stderr : '').toContain('There is no bench called "no-such-bench"');
    expect('stderr' in failed ? failed.stderr : '').toContain(benches.join(', '));
  });
});
