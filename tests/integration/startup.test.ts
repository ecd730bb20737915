import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pageShellDir } from '../support/page-shells.ts';

/** Starts the real server with only these settings; it must refuse before it listens. */
const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });

/** Production settings that would pass, but for the keys (nothing listens on port 1). */
const PRODUCTION = {
  NODE_ENV: 'production',
  // Page shells like the build's: this runs before the site is built (npm test's order).
  STATIC_DIR: pageShellDir(),
  DATABASE_URL: 'postgres://clearshare@127.0.0.1:1/clearshare',
  SMTP_URL: 'smtp://127.0.0.1:1',
  PUBLIC_URL: 'https://record.example',
};

describe('the server refuses an unsafe configuration at start-up', () => {
  it('will not start in production on the embedded database, and says why', () => {
    const result = start({ NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The server cannot start because its settings are wrong');
    expect(result.stderr).toContain('DATABASE_URL is required in production');
    expect(result.stderr).toContain('does not flush to disk');
  });

  it('will not start in production without its keys, and names them', () => {
    const result = start(PRODUCTION);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('FIELD_ENCRYPTION_KEYS');
    expect(result.stderr).toContain('LOOKUP_HMAC_KEY');
  });

  it('will not start in production with a weak key, and never prints the key', () => {
    const typed = Buffer.from('correct horse battery staple 123').toString('base64');
    const result = start({
      ...PRODUCTION,
      FIELD_ENCRYPTION_KEYS: `2026a:${typed}`,
      LOOKUP_HMAC_KEY: randomBytes(32).toString('base64'),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Encryption key "2026a" is not random');
    expect(`${result.stdout}${result.stderr}`).not.toContain(typed);
  });

  it('will not start without a file it reads at run time, and names the file and its setting', () => {
    const result = start({
      STATIC_DIR: pageShellDir(),
      CONTENT_DIR: './no-such-content',
      DATA_DIR: `/tmp/clearshare-start-${randomBytes(4).toString('hex')}`,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('no-such-content/settings/site.yaml');
    expect(result.stderr).toContain('Set CONTENT_DIR');
  });
});
