import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
