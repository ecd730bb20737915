import { randomBytes } from 'node:crypto';
import { t } from '../src/i18n/t.ts';
import { loadEnv, publicUrl } from '../src/server/env.ts';
import { describeError } from '../src/server/log.ts';
import { deliveryProblem } from '../src/server/mail/delivery-problem.ts';
import { renderTemplate } from '../src/server/mail/templates.ts';
import { openMailer } from '../src/server/services.ts';
import { readSiteSettings } from '../src/server/site-settings.ts';

/**
 * `npm run mail:test -- <address>`: sends one test email ("delivery-check") through the mail
 * route the settings give (SMTP_URL, or files under DATA_DIR without it), straight away rather
 * than through the outbox, so whoever sets up a deployment sees at once whether the relay takes
 * mail, or why not in plain words. The email holds a fresh reference to find it in the inbox and
 * nothing about anyone. The database is not opened, so it works beside a running server.
 */
const usage = 'Usage: npm run mail:test -- <email address>';

export async function sendTestEmail(to: string, env = loadEnv()): Promise<{ ok: boolean; lines: string[] }> {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to)) return { ok: false, lines: [`"${to}" is not an email address.`, usage] };
  const settings = await readSiteSettings(env.CONTENT_DIR);
  const mailer = openMailer(env);
  try {
    // Letters and digits a person can read back from the inbox without confusing them.
    const reference = `TEST-${[...randomBytes(6)].map((byte) => 'ABCDEFGHJKLMNPRSTUVWXY23456789'[byte % 30]).join('')}`;
    const email = renderTemplate(
      'delivery-check',
      { reference },
      {
        siteUrl: publicUrl(env),
        schemeName: settings.schemeName,
      },
    );
    const route = mailer.kind === 'smtp' ? 'the SMTP relay in SMTP_URL' : `files in ${env.DATA_DIR}/mail`;
    try {
      await mailer.send({ to, ...email, messageId: `<${reference}@mail-test.clearshare>` });
    } catch (error) {
      const detail = describeError(error);
      return {
        ok: false,
        lines: [
          `The test email was not sent through ${route}.`,
          t(deliveryProblem(detail)),
          `What the mail library said (for whoever fixes the mail route): ${detail}`,
        ],
      };
    }
    return {
      ok: true,
      lines: [
        `Sent through ${route}: "${email.subject}".`,
        mailer.kind === 'smtp'
          ? `Check the inbox of ${to} (and its junk folder) for reference ${reference}.`
          : 'SMTP_URL is not set, so it was written to a file, not sent to anyone.',
      ],
    };
  } finally {
    mailer.close();
  }
}

if (process.argv[1] === import.meta.filename) {
  const [to, ...rest] = process.argv.slice(2);
  if (!to || rest.length > 0 || to === '--help') {
    process.stdout.write(`${usage}\n`);
    process.exit(to === '--help' ? 0 : 2);
  }
  const result = await sendTestEmail(to);
  (result.ok ? process.stdout : process.stderr).write(`${result.lines.join('\n')}\n`);
  process.exit(result.ok ? 0 : 1);
}
