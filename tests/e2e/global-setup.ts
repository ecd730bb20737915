import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpSink } from '../support/smtp-sink.ts';

/**
 * Starts a real SMTP server on loopback for the end-to-end journeys; the server under test sends
 * to it through SMTP_URL. Tests run in other processes, so each received email is also written as
 * JSON to E2E_MAIL_DIR, where `receivedEmails()` (tests/e2e/mail.ts) reads it.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = process.env['E2E_MAIL_DIR'];
  const port = Number(process.env['E2E_SMTP_PORT']);
  if (!dir || !port) throw new Error('playwright.config.ts must set E2E_MAIL_DIR and E2E_SMTP_PORT');
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const sink = await startSmtpSink({
    port,
    onMessage: (email) => {
      count += 1;
      writeFileSync(join(dir, `${Date.now()}-${count}.json`), JSON.stringify(email));
    },
  });
  return () => sink.stop();
}
