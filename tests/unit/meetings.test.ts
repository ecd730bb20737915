import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readingAgeOf } from '../../src/domain/reading-age.ts';
import strings from '../../src/i18n/en/governance.json' with { type: 'json' };
import { meetingSchema } from '../../src/schemas/meeting.ts';
import { settingsSchema } from '../../src/schemas/settings.ts';

/**
 * Meeting summaries show residents what the board decided and what lay partners asked. A summary
 * that names people, leaves out the decisions, or reads above the site's target fails that purpose.
 */
const contentDir = join(import.meta.dirname, '..', '..', 'content');
const target = settingsSchema().parse(
  parse(readFileSync(join(contentDir, 'settings', 'site.yaml'), 'utf8')),
).readingAgeTarget;

const entries = readdirSync(join(contentDir, 'meetings'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => {
    const text = readFileSync(join(contentDir, 'meetings', name), 'utf8');
    const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*\r?\n?([\s\S]*)$/.exec(text);
    return { name, data: parse(match?.[1] ?? ''), body: match?.[2] ?? '' };
  });

const valid = {
  title: 'Board meeting, March 2027',
  group: 'board',
  date: '2027-03-03',
  attendees: ['Caldicott Guardian'],
  decisions: ['The board agreed to publish the data protection impact assessment.'],
  lastReviewed: '2027-03-05',
  nextReviewDue: '2028-03-05',
};

const messages = (input: unknown) => {
  const result = meetingSchema().safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('a meeting summary', () => {
  it('needs a date, who came by role and at least one decision; questions may be left out', () => {
    const meeting = meetingSchema().parse(valid);
    expect(meeting.date.toISOString().slice(0, 10)).toBe('2027-03-03');
    expect(meeting.questions).toEqual([]);
    expect(messages({ ...valid, decisions: [] })).toEqual([
      'decisions: Add at least one decision, or write “No decisions were made”',
    ]);
    expect(messages({ ...valid, attendees: [] })).toEqual(['attendees: Add at least one role']);
    expect(messages({ ...valid, date: '3 March 2027' })).toEqual([
      'date: Write the date as YYYY-MM-DD, like 2026-11-22',
    ]);
  });

  it('is from the board or the lay partner forum, nothing else', () => {
    expect(messages({ ...valid, group: 'lay-forum' })).toEqual([]);
    expect(messages({ ...valid, group: 'committee' })).toHaveLength(1);
  });

  it('keeps each lay partner question with its answer', () => {
    const questions = [
      { question: 'Who checks the logs each month?', answer: 'The information governance team does.' },
    ];
    expect(meetingSchema().parse({ ...valid, questions }).questions).toEqual(questions);
    expect(messages({ ...valid, questions: [{ question: 'Who checks the logs each month?' }] })).toHaveLength(1);
  });
});

describe('the shipped meeting summaries', () => {
  it('include a board meeting and a lay partner meeting', () => {
    const groups = entries.map(({ data }) => meetingSchema().parse(data).group);
    expect(new Set(groups)).toEqual(new Set(['board', 'lay-forum']));
  });

  it.each(entries)('$name is marked as an example: it is made up', ({ data }) => {
    expect(meetingSchema().parse(data)).toMatchObject({ example: true });
  });

  it.each(entries)('$name reads at the target reading age or under', ({ data, body }) => {
    const meeting = meetingSchema().parse(data);
    const text = [
      `# ${meeting.title}`,
      ...meeting.decisions,
      ...meeting.questions.flatMap(({ question, answer }) => [question, answer]),
      body,
    ].join('\n\n');
    const { readingAge, longSentences } = readingAgeOf(text);
    expect(longSentences).toEqual([]);
    expect(readingAge).toBeLessThanOrEqual(meeting.readingAge?.maxReadingAge ?? target);
  });

  it("the governance page's own words read at the target reading age or under", () => {
    const words = Object.values(strings).map((text) => text.replace(/\{\w+\}/g, '22 November 2026'));
    expect(readingAgeOf(words.join('\n\n')).readingAge).toBeLessThanOrEqual(target);
  });
});
