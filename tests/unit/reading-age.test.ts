import { describe, expect, it } from 'vitest';
import { LONG_SENTENCE_WORDS, markdownToProse, readingAgeOf } from '../../src/domain/reading-age.ts';

/** Plain words, as a resident should meet them on the site. */
const plain = `Your GP keeps notes about your health. The hospital keeps notes too.
The shared record lets them see the same notes. This helps them care for you.
You can say no. Your care will not change.`;

/** Article 9(2)(h) of the UK GDPR, close to the legal text: what the gate is there to catch. */
const legal = `Processing is necessary for the purposes of preventive or occupational medicine, for the
assessment of the working capacity of the employee, medical diagnosis, the provision of health or
social care or treatment or the management of health or social care systems and services on the
basis of domestic law or pursuant to contract with a health professional and subject to the
conditions and safeguards referred to in paragraph 3.`;

describe('reading age of a page', () => {
  it('scores plain, short sentences well below dense legal text', () => {
    const simple = readingAgeOf(plain);
    const dense = readingAgeOf(legal);
    expect(simple.readingAge).toBeLessThanOrEqual(11);
    expect(dense.readingAge).toBeGreaterThan(16);
    expect(dense.readingAge - simple.readingAge).toBeGreaterThan(8);
  });

  it('lists sentences an editor should split, and only those', () => {
    expect(readingAgeOf(legal).longSentences).toHaveLength(1);
    expect(readingAgeOf(plain).longSentences).toEqual([]);
    expect(LONG_SENTENCE_WORDS).toBe(25);
  });

  it('gives nothing to score for a body with no prose', () => {
    expect(readingAgeOf('---\ntitle: Empty\n---\n\n![A picture](/a.svg)\n')).toEqual({
      readingAge: 0,
      words: 0,
      sentences: 0,
      longSentences: [],
    });
  });
});

describe('turning Markdown into prose', () => {
  it('drops front matter, code, HTML, images and link addresses but keeps link text', () => {
    const prose = markdownToProse(`---
title: Should not be read
---
Read the <strong>national</strong> [data opt-out page](https://www.nhs.uk/your-nhs-data-matters/).

![A padlock](/images/easy-read/padlock.svg) Your record is kept safe.

\`\`\`
const secret = 1;
\`\`\``);
    expect(prose).toBe('Read the national data opt-out page.\nYour record is kept safe.');
  });

  it('treats each heading, list item and table cell as its own sentence', () => {
    const markdown = `## Who can see it

- your GP
- a nurse at the hospital

| Role | What they see |
| --- | --- |
| Paramedic | Your allergies and medicines |`;
    expect(markdownToProse(markdown).split('\n')).toEqual([
      'Who can see it.',
      'Your GP.',
      'A nurse at the hospital.',
      'Role.',
      'What they see.',
      'Paramedic.',
      'Your allergies and medicines.',
    ]);
  });

  it('counts list items as sentences, so a list is not scored as one long sentence', () => {
    const items = ['your medicines', 'your allergies', 'your test results', 'your care plan'];
    const asList = readingAgeOf(items.map((item) => `- ${item} from your GP`).join('\n'));
    const asRunOn = readingAgeOf(items.map((item) => `${item} from your GP`).join(' and '));
    expect(asList.sentences).toBe(4);
    expect(asRunOn.sentences).toBe(1);
    expect(asList.readingAge).toBeLessThan(asRunOn.readingAge);
  });
});
