import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DOCUMENT, renderEmailDocs } from '../../scripts/email-docs.ts';
import { defineTemplate } from '../../src/server/mail/define-template.ts';
import { templates } from '../../src/server/mail/templates.ts';
import { readSiteSettings } from '../../src/server/site-settings.ts';

describe('docs/emails.md, the emails for a comms lead to review', () => {
  it('is what npm run docs:emails makes from the templates today (run it after changing an email)', async () => {
    const expected = renderEmailDocs(await readSiteSettings());
    let current = '';
    try {
      current = readFileSync(DOCUMENT, 'utf8');
    } catch {
      // Missing: compared below, so the failure says to generate it.
    }
    expect(current, `${DOCUMENT} is stale: run npm run docs:emails`).toBe(expected);
  });

  it('shows every template in the registry with its subject and body', async () => {
    const document = renderEmailDocs(await readSiteSettings());
    for (const name of Object.keys(templates)) expect(document).toContain(`(\`${name}\`)`);
    expect(document.match(/\*\*Subject:\*\* /g)).toHaveLength(Object.keys(templates).length);
  });

  it('stops, naming the template and parameter, when a new parameter has no example', async () => {
    const registry = {
      'new-email': defineTemplate({
        params: z.object({ surpriseDate: z.string() }),
        render: ({ surpriseDate }) => ({ subject: 'New', text: surpriseDate }),
      }),
    };
    const settings = await readSiteSettings();
    expect(() => renderEmailDocs(settings, registry)).toThrow(
      'The email template "new-email" has a parameter "surpriseDate" with no example',
    );
  });
});
