import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  builtPages,
  emailProse,
  messageProse,
  pagesInOtherLanguages,
  readingAgeExceptions,
  scoreEverything,
} from '../../scripts/reading-age-built.ts';
import { LONG_SENTENCE_WORDS, markdownToProse, readingAgeOf } from '../../src/domain/reading-age.ts';
import { htmlBlocks, htmlToProse, readingAgeOfHtml } from '../../src/domain/reading-age-html.ts';

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

  it('leaves out email addresses, as it does web addresses: a reader takes one in whole, not by its syllables', () => {
    expect(markdownToProse('Email data.protection@ashbywyre-council.example or call us.')).toBe('Email or call us.');
    // Counted as a word, the address above weighs as much as a dozen syllables.
    expect(readingAgeOf('Email data.protection@ashbywyre-council.example now.').readingAge).toBe(
      readingAgeOf('Email now.').readingAge,
    );
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

describe('reading age of a page as built (its <main>)', () => {
  const page = (main: string) =>
    `<html><body><header><nav><a href="/">A menu the gate must not read</a></nav></header><main id="maincontent">${main}</main><footer>Footer words</footer></body></html>`;

  it('reads only <main>, one sentence per heading, list item, table cell, label and button', () => {
    const html = page(
      `<h1>Opt out</h1><ul><li>your GP</li><li>a <strong>nurse</strong> at the hospital</li></ul>
       <table><tr><th>Who</th><td>Paramedic</td></tr></table>
       <label for="n">Full name</label><input id="n"><a class="nhsuk-button" href="/f/">Start now</a>`,
    );
    expect(htmlBlocks(html)).toEqual([
      'Opt out',
      'your GP',
      'a nurse at the hospital',
      'Who',
      'Paramedic',
      'Full name',
      'Start now',
    ]);
    expect(htmlToProse(html).split('\n')).toEqual([
      'Opt out.',
      'Your GP.',
      'A nurse at the hospital.',
      'Who.',
      'Paramedic.',
      'Full name.',
      'Start now.',
    ]);
  });

  it('skips what is not prose or not read out: addresses, scripts, pictures, hidden parts', () => {
    const html = page(
      `<p>Write to us at:</p><address>Wyre House<br>12 Castle Street</address>
       <script>const words = "not prose";</script><svg><title>Padlock</title></svg>
       <div hidden><p>Hidden honeypot</p></div><span aria-hidden="true">*</span>
       <p>We reply in 3&nbsp;days &amp; keep it safe.</p>`,
    );
    expect(htmlToProse(html)).toBe('Write to us at.\nWe reply in 3 days & keep it safe.');
  });

  it('reads past a picture written into the page, whose address holds < and >', () => {
    // As scripts/inline-pictures.ts writes an Easy Read picture: the SVG's markup inside src="…".
    const html = page(
      `<p><img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0h4v4z'/></svg>" alt="A doctor at a desk"> The doctor can see your record.</p><p>You can say no.</p>`,
    );
    expect(htmlToProse(html)).toBe('The doctor can see your record.\nYou can say no.');
  });

  it('scores a built page the same as the Markdown it came from', () => {
    const html = page(
      plain
        .split('\n')
        .map((line) => `<p>${line}</p>`)
        .join(''),
    );
    expect(readingAgeOfHtml(html).readingAge).toBe(readingAgeOf(plain.split('\n').join('\n\n')).readingAge);
  });
});

describe('the built-site gate (scripts/reading-age-built.ts)', () => {
  it('walks every built page residents can reach, leaving out the CMS, staff area and form shell', () => {
    const dist = mkdtempSync(join(tmpdir(), 'reading-age-dist-'));
    for (const path of [
      'index.html',
      'opt-out/index.html',
      'admin/index.html',
      'staff/x/index.html',
      'staff-shell/index.html',
      'form-shell/index.html',
      '404.html',
    ]) {
      mkdirSync(dirname(join(dist, path)), { recursive: true });
      writeFileSync(join(dist, path), '<main><p>Hello.</p></main>');
    }
    expect(builtPages(dist).map(([path]) => path)).toEqual(['/404.html', '/', '/opt-out/']);
  });

  it('measures English pages only, and names the Polish and Urdu pages it leaves out', () => {
    const dist = mkdtempSync(join(tmpdir(), 'reading-age-languages-'));
    for (const path of ['index.html', 'pl/index.html', 'ur/opt-out/index.html', 'plans/index.html']) {
      mkdirSync(dirname(join(dist, path)), { recursive: true });
      writeFileSync(join(dist, path), '<main><p>Hello.</p></main>');
    }
    expect(builtPages(dist).map(([path]) => path)).toEqual(['/', '/plans/']);
    expect(pagesInOtherLanguages(dist)).toEqual(['/pl/', '/ur/opt-out/']);
  });

  it('fails, rather than passing nothing, when the site has not been built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'reading-age-empty-'));
    await expect(scoreEverything(empty)).rejects.toThrow(/No built pages/);
  });

  it('scores built pages, message files and emails, highest first, against the site target', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'reading-age-built-'));
    writeFileSync(join(dist, 'index.html'), `<main><p>${legal.replace(/\n/g, ' ')}</p></main>`);
    const scored = await scoreEverything(dist);
    expect(scored[0]).toMatchObject({ name: '/', limit: 11 });
    expect(scored[0]?.readingAge).toBeGreaterThan(16);
    expect(scored.some((text) => text.name === 'messages: src/i18n/en/opt-out.json')).toBe(true);
    expect(scored.some((text) => text.name === 'email: opt-out-received')).toBe(true);
    expect(scored.some((text) => text.name === 'email: staff-invite')).toBe(false);
  });

  it('lets a page score higher only with a stated reason in its front matter', () => {
    const content = mkdtempSync(join(tmpdir(), 'reading-age-content-'));
    for (const folder of ['pages', 'myths', 'stories']) mkdirSync(join(content, folder));
    const reason = 'Quotes the words of the law, which cannot be changed.';
    writeFileSync(
      join(content, 'pages', 'law.md'),
      `---\ntitle: Law\nreadingAge:\n  maxReadingAge: 13\n  reason: ${reason}\n---\nBody\n`,
    );
    writeFileSync(
      join(content, 'myths', 'no-reason.md'),
      '---\ntitle: No reason\nreadingAge:\n  maxReadingAge: 14\n---\nBody\n',
    );
    writeFileSync(join(content, 'stories', 'plain.md'), '---\ntitle: Plain\n---\nBody\n');
    expect([...readingAgeExceptions(content)]).toEqual([['/law/', { maxReadingAge: 13, reason }]]);
  });

  it('reads each email of the generated email document, subject and body', () => {
    const document =
      '# Emails\n\n## Test (`delivery-check`)\n\n**Subject:** Hello there\n\n```text\nThis is a test.\n\nReference: AB2CD3EF\n```\n';
    expect(emailProse(document)).toEqual([['delivery-check', 'Hello there.\nThis is a test.\nReference: AB2CD3EF.']]);
  });

  it('reads every message string, with placeholders as one short word', () => {
    expect(messageProse({ a: { b: 'Call us on {phone}', c: 'Line one\n\nLine two.' } })).toBe(
      'Call us on this.\nLine one.\nLine two.',
    );
  });
});
