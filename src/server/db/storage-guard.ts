import { statfsSync } from 'node:fs';

/**
 * Keeps the embedded PGlite away from a full disk. Measured (bench/faults.ts, PGlite 0.5): when
 * a write fails with ENOSPC, PGlite usually fails the statement and stays usable, but after a
 * failed WAL write a later commit can spin for ever in XLogFlush (PostgreSQL would PANIC and
 * restart there). PGlite runs synchronously on the Node thread, so that spin stops every request,
 * timer and health check of the process, and no timeout of ours can interrupt it. So PGlite must
 * never be the one to find the disk full: below a reserve of free space (more than a 16 MB WAL
 * segment, which PGlite creates whole) writes are refused before they reach it, and any disk-full
 * error it does return (the disk filled by something else) refuses writes until the store is
 * reopened, because the instance can no longer be trusted to commit.
 */
export const STORAGE_RESERVE_BYTES = 32 * 1024 * 1024;

/** Thrown instead of writing when storage is full; callers answer "nothing was recorded". */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

export interface StorageState {
  status: 'ok' | 'full';
  /** `low-space`: free space is under the reserve (clears by itself); `write-failed`: until reopened. */
  reason?: 'low-space' | 'write-failed';
  freeBytes: number;
}

export interface StorageGuard {
  state(): StorageState;
  /** Throws StorageFullError if `statement` would write while storage is full. */
  check(statement: string): void;
  /** Records an error from the database; a disk-full one makes the guard refuse writes. */
  observe(error: unknown): void;
}

// Only plain reads go through while full: health checks, look-ups and the staff screens keep working.
const isRead = (statement: string) => /^\s*(select|show)\b/i.test(statement);

const isDiskFull = (error: unknown): boolean =>
  error instanceof Error &&
  (('code' in error && error.code === '53100') || /no space left on device|disk full/i.test(error.message));

export function storageGuard(dir: string, reserveBytes = STORAGE_RESERVE_BYTES): StorageGuard {
  let writeFailed = false;
  const freeBytes = () => {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  };
  const state = (): StorageState => {
    const free = freeBytes();
    if (writeFailed) return { status: 'full', reason: 'write-failed', freeBytes: free };
    return free < reserveBytes
      ? { status: 'full', reason: 'low-space', freeBytes: free }
      : { status: 'ok', freeBytes: free };
  };
  return {
    state,
    check: (statement) => {
      if (isRead(statement)) return;
      const now = state();
      if (now.status === 'full')
        throw new StorageFullError(
          now.reason === 'write-failed'
            ? 'Storage full: a write failed for lack of space; nothing is written until the database is reopened'
            : `Storage full: ${Math.round(now.freeBytes / 1024)} KB free, under the reserve of ${Math.round(reserveBytes / 1024)} KB`,
        );
    },
    observe: (error) => {
      if (isDiskFull(error) || (error instanceof Error && isDiskFull(error.cause))) writeFailed = true;
    },
  };
}
