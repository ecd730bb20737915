import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtpSink } from '../support/smtp-sink.ts';

/**
 * Starts a real SMTP server on loopback for the end-to-end journeys; the server under test sends
 * to it through SMTP_URL. Tests run in other processes, so each received email is also written as
 * JSON to E2E_MAIL_DIR, where `receivedEmails()` (tests/e2e/mail.ts) reads it.
 *
 * When the journeys end, the run fails if the server logged any error-level line
 * (scripts/e2e-server.ts keeps them in DATA_DIR/server-errors.jsonl): no journey injects a fault.
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
      // Written aside, then renamed into place: the journeys read the folder while mail arrives.
      const name = join(dir, `${Date.now()}-${count}.json`);
      writeFileSync(`${name}.part`, JSON.stringify(email));
      renameSync(`${name}.part`, name);
    },
  });
  return async () => {
    await sink.stop();
    const errors = join(process.env['E2E_DATA_DIR'] ?? '', 'server-errors.jsonl');
    if (existsSync(errors)) {
      const lines = readFileSync(errors, 'utf8').trim().split('\n');
      throw new Error(
        `The server logged ${lines.length} error-level line(s) during the journeys:\n${lines.join('\n')}`,
      );
    }
  };
}
