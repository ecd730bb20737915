import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StorageFullError, storageGuard } from '../../src/server/db/storage-guard.ts';

describe('the storage guard in front of PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearshare-guard-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses writes, not reads, while free space is under the reserve', () => {
    const guard = storageGuard(dir, Number.MAX_SAFE_INTEGER);
    expect(guard.state()).toMatchObject({ status: 'full', reason: 'low-space' });
    expect(() => guard.check('insert into t values (1)')).toThrow(StorageFullError);
    expect(() => guard.check('with r as (insert into t values (1) returning id) select id from r')).toThrow(
      StorageFullError,
    );
    expect(() => guard.check('  select 1')).not.toThrow();
  });

  it('after PGlite fails a write for lack of space, refuses writes until reopened, even with space', () => {
    const guard = storageGuard(dir, 0);
    guard.observe(new Error('duplicate key value violates unique constraint'));
    expect(guard.state().status).toBe('ok');
    guard.observe(
      new Error('Failed query: insert …', { cause: new Error('could not extend file: No space left on device') }),
    );
    expect(guard.state()).toMatchObject({ status: 'full', reason: 'write-failed' });
    expect(() => guard.check('insert into t values (1)')).toThrow(/reopened/);
  });
});
