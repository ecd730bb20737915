import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { inArray } from 'drizzle-orm';
import type { Store } from '../../src/server/db/client.ts';
import { feedbackItems } from '../../src/server/db/feedback-schema.ts';
import { optOutRequests } from '../../src/server/db/opt-out-schema.ts';
import { outboxMessages } from '../../src/server/db/schema.ts';

/**
 * A small tmpfs of its own, so a test can really fill the disk under PGlite (not a mock of the
 * file system). Needs root (mount); returns undefined where mounting is not allowed.
 */
export interface SmallDisk {
  path: string;
  /** Writes a file that leaves about `leaveBytes` free. */
  fill(leaveBytes: number): void;
  /** Deletes the filler: space is free again. */
  free(): void;
  freeBytes(): number;
  unmount(): void;
}

/** Whether this process may mount (root); decided before a suite is collected, mounting is in beforeAll. */
export const canMount = (): boolean => process.getuid?.() === 0;

export function mountSmallDisk(sizeMb: number): SmallDisk | undefined {
  const path = mkdtempSync(join(tmpdir(), 'clearshare-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', path], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(path, { recursive: true, force: true });
    return undefined;
  }
  const filler = join(path, 'filler');
  const freeBytes = () => {
    const stats = statfsSync(path);
    return stats.bavail * stats.bsize;
  };
  return {
    path,
    freeBytes,
    fill: (leaveBytes) => writeFileSync(filler, Buffer.alloc(Math.max(0, freeBytes() - leaveBytes))),
    free: () => rmSync(filler, { force: true }),
    unmount: () => {
      spawnSync('umount', [path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/**
 * Ends the process if its event loop stops turning for `seconds`, unmounting the disk on the way.
 * PGlite runs synchronously on the JavaScript thread: if it ever spins (as it did in XLogFlush
 * after a failed WAL write, see src/server/db/storage-guard.ts), no timer of the test, of Vitest
 * or of the bench can fire again, so a timeout would never end it and CI would wait for its hard
 * limit. A worker thread keeps its own event loop and watches a heartbeat the main thread writes;
 * killing the process makes Vitest fail the file ("worker exited unexpectedly") within a minute.
 */
export function stallWatchdog(disk: SmallDisk, seconds: number): { stop(): void } {
  const beat = new Float64Array(new SharedArrayBuffer(8));
  beat[0] = Date.now();
  const heartbeat = setInterval(() => {
    beat[0] = Date.now();
  }, 250);
  heartbeat.unref();
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
    const { spawn } = require('node:child_process');
    const { writeSync } = require('node:fs');
    const { beat, seconds, pid, path } = workerData;
    setInterval(() => {
      if (Date.now() - beat[0] < seconds * 1000) return;
      // A worker's process.stderr goes through the blocked main thread; fd 2 directly does not.
      writeSync(2, '\\nThe event loop has not turned for ' + seconds + ' s (PGlite spinning?): killing process ' + pid + '\\n');
      spawn('sh', ['-c', 'sleep 1; umount -l "$1"; rm -rf "$1"', 'sh', path], { detached: true, stdio: 'ignore' }).unref();
      process.kill(pid, 'SIGKILL');
    }, 1000);`,
    { eval: true, workerData: { beat, seconds, pid: process.pid, path: disk.path } },
  );
  worker.unref();
  return {
    stop: () => {
      clearInterval(heartbeat);
      void worker.terminate();
    },
  };
}

/** Like checkAcknowledged (fault-postgres.ts), through a Store, so it works on PGlite too. */
export async function checkAcknowledgedIn(
  store: Store,
  acknowledged: { optOut: string[]; feedback: string[] },
): Promise<{ stored: number; duplicated: number; missingEmails: number }> {
  const optOuts = acknowledged.optOut.length
    ? await store.db
        .select({ reference: optOutRequests.reference })
        .from(optOutRequests)
        .where(inArray(optOutRequests.reference, acknowledged.optOut))
    : [];
  const feedback = acknowledged.feedback.length
    ? await store.db
        .select({ reference: feedbackItems.reference })
        .from(feedbackItems)
        .where(inArray(feedbackItems.reference, acknowledged.feedback))
    : [];
  const keys = [
    ...acknowledged.optOut.map((r) => `opt-out:${r}:received`),
    ...acknowledged.feedback.map((r) => `feedback:${r}:acknowledgement`),
  ];
  const emails = keys.length
    ? await store.db
        .select({ key: outboxMessages.dedupeKey })
        .from(outboxMessages)
        .where(inArray(outboxMessages.dedupeKey, keys))
    : [];
  const references = [...optOuts, ...feedback].map((row) => row.reference);
  return {
    stored: new Set(references).size,
    duplicated: references.length - new Set(references).size,
    missingEmails: keys.length - new Set(emails.map((row) => row.key)).size,
  };
}
