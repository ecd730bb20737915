import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readingAgeOf } from '../../src/domain/reading-age.ts';
import { choiceIds, decisionAidSchema } from '../../src/schemas/decision-aid.ts';

/**
 * The decision aid on /your-choices/ lives in YAML rather than a content collection, so the
 * content gate does not see it: these checks hold it to the same schema and reading-age bar.
 */
const root = join(import.meta.dirname, '..', '..');
const raw = parse(readFileSync(join(root, 'content', 'choices', 'decision-aid.yaml'), 'utf8'));
const target = parse(readFileSync(join(root, 'content', 'settings', 'site.yaml'), 'utf8')).readingAgeTarget ?? 11;

describe('the decision aid (content/choices/decision-aid.yaml)', () => {
  const result = decisionAidSchema().safeParse(raw);

  it('matches its schema', () => {
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('explains each of the four choices once', () => {
    expect(result.data?.choices.map((c) => c.id).sort()).toEqual([...choiceIds].sort());
  });

  it('sends "I don\'t want researchers to use my data" to the national data opt-out', () => {
    const researchers = result.data?.questions.find((q) => /researchers/.test(q.want));
    expect(researchers?.choice).toBe('national-data-opt-out');
  });

  it(`reads at or below the site's reading-age target (${target})`, () => {
    const aid = result.data;
    if (!aid) throw new Error('The decision aid does not match its schema');
    // Each sentence on its own line, as the page shows them (list items and short paragraphs).
    const lines = [
      ...aid.choices.flatMap((c) => [c.name, c.stops, c.contact, ...c.does, ...c.doesNot, ...c.goodToKnow, ...c.how]),
      ...aid.questions.flatMap((q) => [`I want to ${q.want}.`, q.answer ?? '', q.note ?? '']),
      aid.help,
    ].filter(Boolean);
    const { readingAge, longSentences } = readingAgeOf(lines.map((line) => `- ${line}`).join('\n'));
    console.info(`Decision aid reading age: ${readingAge}`);
    expect(longSentences).toEqual([]);
    expect(readingAge).toBeLessThanOrEqual(target);
  });

  it('rejects an answer that names no choice and gives no answer', () => {
    const broken = structuredClone(raw);
    broken.questions.push({ slug: 'nothing', want: 'do nothing at all' });
    expect(decisionAidSchema().safeParse(broken).success).toBe(false);
  });
});
