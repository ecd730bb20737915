import { writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { EXAMPLE_REFERENCE } from '../src/domain/reference.ts';
import { isMessageKey, t } from '../src/i18n/t.ts';
import type { SettingsData } from '../src/schemas/settings.ts';
import type { EmailTemplate } from '../src/server/mail/templates.ts';
import { templates } from '../src/server/mail/templates.ts';
import { readSiteSettings } from '../src/server/site-settings.ts';

/**
 * `npm run docs:emails`: every email template in the registry (src/server/mail/templates.ts),
 * rendered with example values into docs/emails.md, so a comms lead can review the exact wording
 * without running the site. tests/unit/email-docs.test.ts fails when the document is stale.
 *
 * Examples are chosen by parameter name ("reference"), or by "template.parameter" where one
 * template's value must differ. A template with a parameter that has no example stops the
 * generator with its name, so a new template cannot be left out of the document silently.
 */
export const DOCUMENT = 'docs/emails.md';
const SITE_URL = 'https://www.example-scheme.nhs.uk';
/** 43 characters of base64url, the shape of a real token, visibly not one. */
const EXAMPLE_TOKEN = 'EXAMPLE-TOKEN-the-real-one-is-32-random-byt';

function examples(settings: SettingsData): Record<string, unknown> {
  return {
    reference: EXAMPLE_REFERENCE,
    token: EXAMPLE_TOKEN,
    // Email updates (issue 18): the double opt-in link and the manage and unsubscribe link.
    confirmToken: EXAMPLE_TOKEN,
    manageToken: EXAMPLE_TOKEN,
    // Residents' emails are also sent in Polish and Urdu (the form's language); this page shows the English.
    lang: 'en',
    days: String(settings.responseTargets.optOutWorkingDays),
    phone: settings.contact.phone,
    type: 'complaint',
    dueDate: '2 December 2026',
    reply: '[The reply the member of staff wrote, word for word.]',
    reason: '[The reason the member of staff gave, word for word.]',
    respondBy: '2027-01-25',
    // The day an opt-out was put in place (opt-out-applied).
    appliedOn: '2026-12-04',
    months: '1',
    minutes: '15',
    // The backlog forecast alert (staff-forecast-breach): made-up figures, clearly an example.
    backlog: '4200',
    clearsInWorkingDays: '14',
    clearsOn: '2026-12-22',
    promiseWorkingDays: String(settings.responseTargets.optOutWorkingDays),
    promiseDate: '2026-12-16',
    sampleDays: '5',
    // An update emailed to subscribers (update-notice, update-digest): an example, from the example content.
    slug: 'care-home-records-now-shared',
    title: 'Care homes join the shared care record on 9 March',
    summary: 'From 9 March, care homes can see and add to the shared care record. You can opt out before it starts.',
    // The results email of a consultation (consultation-results): the example consultation in content/.
    'consultation-results.slug': 'how-we-write-to-you',
    'consultation-results.title': 'How should we tell you about the shared care record?',
    // The results page linked is in the email's language (English here).
    'consultation-results.page': 'en',
    items: JSON.stringify([
      {
        slug: 'care-home-records-now-shared',
        title: 'Care homes join the shared care record on 9 March',
        summary:
          'From 9 March, care homes can see and add to the shared care record. You can opt out before it starts.',
      },
      {
        slug: 'new-easy-read-guide',
        title: 'A new Easy Read guide',
        summary: 'Our Easy Read guide explains the record in simple words and pictures.',
      },
    ]),
  };
}

type AnyTemplate = EmailTemplate<z.ZodType<Record<string, string>>>;

/** The document for these templates (the registry by default). */
export function renderEmailDocs(
  settings: SettingsData,
  registry: Record<string, AnyTemplate> = templates as Record<string, AnyTemplate>,
): string {
  const known = examples(settings);
  const sections = Object.entries(registry).map(([name, template]) => {
    const shape = (template.params as unknown as { shape?: Record<string, unknown> }).shape ?? {};
    const values: Record<string, unknown> = {};
    for (const param of Object.keys(shape)) {
      const value = known[`${name}.${param}`] ?? known[param];
      if (value === undefined) {
        throw new Error(
          `The email template "${name}" has a parameter "${param}" with no example: add one in scripts/email-docs.ts`,
        );
      }
      values[param] = value;
    }
    const checked = template.params.safeParse(values);
    if (!checked.success) {
      throw new Error(`The examples for the email template "${name}" do not fit it: ${checked.error.message}`);
    }
    const email = template.render(checked.data, { siteUrl: SITE_URL, schemeName: settings.schemeName });
    const key = `staffQueues.mail.template.${name}`;
    const title = isMessageKey(key) ? t(key) : name;
    const rows = Object.entries(values).map(([param, value]) => `| \`${param}\` | ${String(value)} |`);
    return [
      `## ${title} (\`${name}\`)`,
      '',
      ...(rows.length > 0 ? ['| Parameter | Example |', '| --- | --- |', ...rows, ''] : []),
      `**Subject:** ${email.subject}`,
      '',
      ...Object.entries(email.headers ?? {}).flatMap(([header, value]) => [`**${header}:** \`${value}\``, '']),
      '```text',
      email.text.trimEnd(),
      '```',
    ].join('\n');
  });
  return [
    '# The emails the service sends',
    '',
    '<!-- Generated by `npm run docs:emails` from src/server/mail/. Do not edit: change the',
    '     templates or src/i18n/ and run it again (a test fails when this file is stale). -->',
    '',
    `Every email template, rendered with example values: the scheme's settings from`,
    `\`content/settings/site.yaml\`, the site at \`${SITE_URL}\`, and an example reference`,
    'and link token. Words in square brackets stand for what a member of staff typed. No email',
    "carries a person's answers: no name, date of birth, NHS number, address or message.",
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
}

if (import.meta.main) {
  writeFileSync(DOCUMENT, renderEmailDocs(await readSiteSettings()));
  process.stdout.write(`Wrote ${DOCUMENT} (${Object.keys(templates).length} emails)\n`);
}
