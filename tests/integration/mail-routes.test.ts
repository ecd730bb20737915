import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileMailer, smtpMailer } from '../../src/server/mail/transport.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';

describe('mail routes are chosen by configuration alone', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => sink.stop());

  it('SMTP_URL sends through a real SMTP server', async () => {
    const mailer = smtpMailer(sink.url, 'Scheme <no-reply@example.org>');
    await mailer.verify();
    await mailer.send({
      to: 'resident@example.org',
      subject: 'Your reference ABC3DE5F',
      text: 'Hello',
      messageId: '<t1@test>',
    });
    mailer.close();
    expect(sink.received).toHaveLength(1);
    expect(sink.received[0]?.to).toEqual(['resident@example.org']);
    expect(sink.received[0]?.subject).toBe('Your reference ABC3DE5F');
  });

  it('an SMTP server that refuses mail is reported as a delivery error for the outbox to retry', async () => {
    sink.refuse(true);
    const mailer = smtpMailer(sink.url, 'Scheme <no-reply@example.org>');
    await expect(mailer.send({ to: 'r@example.org', subject: 's', text: 't', messageId: '<t2@test>' })).rejects.toThrow(
      'did not accept',
    );
    mailer.close();
    sink.refuse(false);
  });

  it('with no SMTP_URL each message is written as an .eml file under the data folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clearshare-mail-'));
    const mailer = fileMailer(dir, 'Scheme <no-reply@example.org>');
    await mailer.send({
      to: 'resident@example.org',
      subject: 'Your reference ABC3DE5F',
      text: 'Hello',
      messageId: '<t3@test>',
    });
    const files = readdirSync(join(dir, 'mail'));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(dir, 'mail', files[0] ?? ''), 'utf8')).toContain('Subject: Your reference ABC3DE5F');
    rmSync(dir, { recursive: true, force: true });
  });
});
