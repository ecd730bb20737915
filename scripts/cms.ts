import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { writeCmsConfig } from '../src/admin/generate-config.ts';
import { type LocalBackend, startLocalBackend } from '../src/admin/local-backend.ts';

/**
 * `npm run cms`: edit the content in this working copy through the CMS, on this machine.
 * Starts decap-server (port 8081, loopback only) on this repository and the site (`astro dev`,
 * or the built site with --built), then prints the address of /admin/.
 *
 * decap-server's git mode gives the editorial workflow: each entry is saved on its own branch
 * (cms/<collection>/<slug>) and merged into main when published. It checks branches out in this
 * folder and commits with `git add .`, so it only starts on a clean working tree: otherwise your
 * unsaved code changes would end up inside a content commit.
 */
const root = join(import.meta.dirname, '..');
const built = process.argv.includes('--built');
const sitePort = process.env['PORT'] ?? '4321';

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
}

function refuse(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

if (git('status', '--porcelain') !== '') {
  refuse(
    'npm run cms needs a clean working tree: commit or stash your changes first (the CMS commits with `git add .`).',
  );
}
if (!git('branch', '--list', 'main'))
  refuse('npm run cms publishes to the branch "main", which this repository does not have.');
if (writeCmsConfig()) {
  refuse(
    'src/admin/config.generated.json was out of date and has been regenerated: commit it, then run npm run cms again.',
  );
}

const children: ChildProcess[] = [];
let backend: LocalBackend | undefined;
function run(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, PORT: sitePort } });
  children.push(child);
  child.once('exit', (code) => shutDown(code ?? 0));
  return child;
}

let stopping = false;
async function shutDown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await backend?.stop();
  process.exit(code);
}
process.once('SIGINT', () => void shutDown(0));
process.once('SIGTERM', () => void shutDown(0));

backend = await startLocalBackend({ repoDir: root, port: 8081 });
const astro = join(root, 'node_modules/astro/bin/astro.mjs');
if (built) {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/validate-content.ts'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [astro, 'build'], { cwd: root, stdio: 'inherit' });
  run(process.execPath, ['--import', 'tsx', 'src/server/main.ts']);
} else {
  run(process.execPath, [astro, 'dev', '--port', sitePort, '--host', '127.0.0.1']);
}
process.stdout.write(
  `\nThe CMS is at http://localhost:${sitePort}/admin/ (local backend ${backend.url}).\n` +
    'Saved entries are committed on cms/… branches; publishing merges them into main. Press Ctrl+C to stop.\n\n',
);
