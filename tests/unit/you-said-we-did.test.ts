import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readingAgeOf } from '../../src/domain/reading-age.ts';
import strings from '../../src/i18n/en/staff-reports.json' with { type: 'json' };
import { responseSchema } from '../../src/schemas/response.ts';
import { settingsSchema } from '../../src/schemas/settings.ts';

/**
 * "You said, we did" is for everyone who took the time to tell us something, so its entries and
 * its own words must meet the site's reading-age target like every content page.
 */
const contentDir = join(import.meta.dirname, '..', '..', 'content');
const target = settingsSchema().parse(
  parse(readFileSync(join(contentDir, 'settings', 'site.yaml'), 'utf8')),
).readingAgeTarget;

const entries = readdirSync(join(contentDir, 'responses'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => {
    const text = readFileSync(join(contentDir, 'responses', name), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*\r?\n?([\s\S]*)$/.exec(text);
    return { name, data: parse(match?.[1] ?? ''), body: match?.[2] ?? '' };
  });

describe('You said, we did', () => {
  it('has example entries', () => {
    expect(entries.length).toBeGreaterThan(0);
  });

  it.each(entries)('$name matches the schema and reads at the target reading age or under', ({ data, body }) => {
    const response = responseSchema().parse(data);
    const page = `# ${response.title}\n\n${response.weHeard}\n\n${response.weDid}\n\n${body}`;
    const { readingAge, longSentences } = readingAgeOf(page);
    expect(longSentences).toEqual([]);
    expect(readingAge).toBeLessThanOrEqual(response.readingAge?.maxReadingAge ?? target);
  });

  it("the page's own words read at the target reading age or under", () => {
    const words = Object.entries(strings)
      .filter(([key]) => key.startsWith('youSaidWeDid.'))
      .map(([, text]) => text.replace(/\{\w+\}/g, '22 November 2026'));
    expect(readingAgeOf(words.join('\n\n')).readingAge).toBeLessThanOrEqual(target);
  });
});
