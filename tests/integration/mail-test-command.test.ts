import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendTestEmail } from '../../scripts/mail-test.ts';
import { loadEnv } from '../../src/server/env.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

/**
 * `npm run mail:test -- <address>` (scripts/mail-test.ts), the deploy guide's check that the
 * relay takes mail: it sends at once through the configured route, and when the relay is not
 * there it says so in plain words rather than with a stack trace.
 */
describe('npm run mail:test', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const dataDir = mkdtempSync(join(tmpdir(), 'clearshare-mail-test-'));
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends one test email through SMTP_URL, with a reference to find it by', async () => {
    const result = await sendTestEmail('it-team@example.org', loadEnv({ SMTP_URL: sink.url, DATA_DIR: dataDir }));
    expect(result.ok).toBe(true);
    const reference = /reference (TEST-[A-Z0-9]{6})/.exec(result.lines.join('\n'))?.[1];
    expect(reference).toBeDefined();
    const email = sink.received.find((received) => received.to.includes('it-team@example.org'));
    expect(email?.text).toContain(`Reference: ${reference}`);
  });

  it('says in plain words when the relay refuses the connection', async () => {
    await sink.down();
    try {
      const result = await sendTestEmail('it-team@example.org', loadEnv({ SMTP_URL: sink.url, DATA_DIR: dataDir }));
      expect(result.ok).toBe(false);
      expect(result.lines[0]).toBe('The test email was not sent through the SMTP relay in SMTP_URL.');
      expect(result.lines[1]).toBe('The email server refused the connection.');
    } finally {
      await sink.up();
    }
  });

  it('refuses something that is not an email address before opening anything', async () => {
    const result = await sendTestEmail('not an address', loadEnv({ DATA_DIR: join(dataDir, 'never-opened') }));
    expect(result).toEqual({ ok: false, lines: ['"not an address" is not an email address.', expect.any(String)] });
  });
});
