import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type APIRequestContext, expect } from '@playwright/test';
import type { ReceivedEmail } from '../support/smtp-sink.ts';

/** Every email the loopback SMTP server has received so far in this run. */
export function receivedEmails(): ReceivedEmail[] {
  const dir = process.env['E2E_MAIL_DIR'];
  if (!dir) throw new Error('E2E_MAIL_DIR is not set: run the journeys through playwright.config.ts');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as ReceivedEmail);
}

/** Waits for an email to the given address whose text mentions `containing` (e.g. a reference), and returns it. */
export async function waitForEmail(to: string, containing: string, timeoutMs = 15_000): Promise<ReceivedEmail> {
  let found: ReceivedEmail | undefined;
  await expect
    .poll(
      () => {
        found = receivedEmails().find(
          (email) => email.to.includes(to) && (email.text + email.subject).includes(containing),
        );
        return Boolean(found);
      },
      { timeout: timeoutMs },
    )
    .toBe(true);
  if (!found) throw new Error('unreachable');
  return found;
}

/**
 * Runs the scheduled outbox function's work now (email updates and consultation results queued,
 * then the outbox), at the given time on the server's test clock: the local server offers this
 * only to end-to-end tests (src/server/http/app.ts). Returns how many emails each part queued.
 */
export async function runScheduledSends(
  request: APIRequestContext,
  now: string,
): Promise<{ updates: number; results: number }> {
  const response = await request.post('/__e2e__/scheduled/outbox-dispatch', {
    headers: { 'x-clearshare-test-now': now },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as { updates: number; results: number };
}
