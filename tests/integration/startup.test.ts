import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the server refuses an unsafe configuration at start-up', () => {
  it('will not start in production on the embedded database, and says why', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The server cannot start because its settings are wrong');
    expect(result.stderr).toContain('DATABASE_URL is required in production');
    expect(result.stderr).toContain('does not flush to disk');
  });
});
