import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * decap-server, the local backend Decap uses on localhost: `npm run cms` points it at the
 * working copy; the end-to-end test and the list benchmark point it at a scratch repository.
 * It runs in git mode, the only mode with the editorial workflow: each entry is a cms/<collection>/<slug>
 * branch until it is published, when it is merged into the configured branch (main).
 */

export interface LocalBackend {
  /** The API address Decap calls, e.g. http://127.0.0.1:8081/api/v1. */
  url: string;
  stop(): Promise<void>;
}

/** decap-server failed to start (port taken, folder not a git repository…). */
export class LocalBackendError extends Error {
  override name = 'LocalBackendError';
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'info' }),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill();
  });
}

/** Starts decap-server on loopback only: it can write to the repository, so nothing else may reach it. */
export async function startLocalBackend({
  repoDir,
  port = 8081,
}: {
  repoDir: string;
  port?: number;
}): Promise<LocalBackend> {
  const bin = createRequire(import.meta.url).resolve('decap-server/dist/index.js');
  const child = spawn(process.execPath, [bin], {
    cwd: repoDir,
    env: {
      ...process.env,
      PORT: String(port),
      BIND_HOST: '127.0.0.1',
      MODE: 'git',
      GIT_REPO_DIRECTORY: repoDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}/api/v1`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await answers(url)) return { url, stop: () => stopped(child) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stopped(child);
  throw new LocalBackendError(
    `decap-server did not start on port ${port} for ${repoDir}: ${errors.trim() || 'no answer'}`,
  );
}

/** A throwaway git repository holding a copy of content/, for tests and benchmarks. */
export interface ScratchRepo {
  dir: string;
  remove(): void;
}

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });

/**
 * Copies `content/` from `root` into a new git repository on branch main, so the CMS can never
 * write to the real content. `prepare` may add files (e.g. 1,000 generated FAQs) before the commit.
 */
export function createScratchRepo(root: string, prepare?: (dir: string) => void): ScratchRepo {
  const dir = mkdtempSync(join(tmpdir(), 'clearshare-cms-repo-'));
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
  mkdirSync(join(dir, 'public', 'media'), { recursive: true });
  prepare?.(dir);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'config', 'user.email', 'cms-test@clearshare.example');
  git(dir, 'config', 'user.name', 'CMS test');
  git(dir, 'config', 'commit.gpgsign', 'false');
  git(dir, 'add', '.');
  git(dir, 'commit', '--quiet', '--message', 'Content to edit');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
