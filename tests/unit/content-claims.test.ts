import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Promises the site once made and then contradicted (issue 14, items 2 and 4 to 7, 9). A
 * journalist or the ICO quotes exactly these, so each rule fails the suite if the wording comes
 * back anywhere residents read it: content/ and the UI strings in src/i18n/en/.
 */

const root = join(import.meta.dirname, '..', '..');

interface TextFile {
  /** Path from the repository root, with forward slashes. */
  file: string;
  text: string;
}

function readAll(folder: string, extensions: string[]): TextFile[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => extensions.some((extension) => name.endsWith(extension)))
    .sort()
    .map((name) => ({
      file: relative(root, join(root, folder, name)).replace(/\\/g, '/'),
      text: readFileSync(join(root, folder, name), 'utf8'),
    }));
}

/** Lines naming a source (its title may quote a law's own words, such as "right to object"). */
const sourceLine = /^\s*-?\s*(title|url|publisher):/;
const prose = (f: TextFile) =>
  f.text
    .split(/\r?\n/)
    .filter((line) => !sourceLine.test(line))
    .join('\n');
/**
 * What a reader takes in as one piece: a Markdown paragraph with the heading above it, or one
 * UI string (a JSON file is one string a line).
 */
function paragraphs(f: TextFile): string[] {
  if (f.file.endsWith('.json')) return prose(f).split(/\r?\n/);
  return prose(f)
    .split(/\r?\n\s*\r?\n/)
    .reduce<string[]>((kept, block) => {
      const previous = kept.at(-1);
      if (previous !== undefined && /^#+ [^\n]*$/.test(previous)) kept[kept.length - 1] = `${previous}\n${block}`;
      else kept.push(block);
      return kept;
    }, []);
}

/** Wording that contradicted the site itself or the law, with what is true instead. */
const banned: { pattern: RegExp; why: string }[] = [
  { pattern: /can never see/i, why: 'access is checked afterwards by audit, not blocked' },
  { pattern: /only lets us use (it|your record|your data) for your care/i, why: 'safeguarding and legal duties' },
  { pattern: /unless you agree to take part in a study/i, why: 'every page says the record is not used for research' },
  { pattern: /does not make a new file/i, why: 'care homes add care plans to it' },
  { pattern: /not shared with the government/i, why: 'the Integrated Care Board is a controller' },
  { pattern: /power of attorney[^.]*\.\s*Ask your GP practice how/i, why: 'LPAs are made through the OPG' },
  { pattern: /people in our area|\bone city\b|\bsame city\b/i, why: 'the 71 % and 61 % are Joined Up Leeds figures' },
  { pattern: /for one reason: your direct care/i, why: 'safeguarding, legal duties and court orders are exceptions' },
  { pattern: /does not keep its own copy/i, why: 'care homes add care plans that the record itself keeps' },
  // NHS Leeds CCG closed in 2022 and its pages went with it: a dead link is no source.
  { pattern: /leedsccg\.nhs\.uk/i, why: 'the NHS Leeds CCG site is gone; name the source instead' },
];

/** Each rule returns the problems it finds, as "file: what is wrong", so a failure names the place. */
function claimProblems(files: TextFile[]): string[] {
  const problems: string[] = [];
  for (const f of files) {
    const text = prose(f);
    for (const { pattern, why } of banned) {
      const found = pattern.exec(text);
      if (found) problems.push(`${f.file}: "${found[0]}" (${why})`);
    }
    // Item 7: a figure from another place says where and when it was reported. No live page shows
    // the Joined Up Leeds figures, so the source is named in the words rather than linked.
    if (/\b(71|61)\s?%/.test(text) && !(/Joined Up Leeds/.test(text) && /\b2015\b/.test(text))) {
      problems.push(`${f.file}: 71 % or 61 % without Joined Up Leeds and the year, 2015, named`);
    }
    // Item 5: the opt-out clock never stands alone; the privacy notice's condition goes with it.
    if (/(in place|make the change)[^.]*within \d+ working days/i.test(text) && !/strong reason/i.test(text)) {
      problems.push(`${f.file}: opt-out promised within working days with no "strong reason" condition`);
    }
    // Item 4: the Summary Care Record has held Additional Information by default since 2020.
    const describesScr = paragraphs(f).some((p) => /Summary Care Record/.test(p) && /allergies/.test(p));
    if (describesScr && !/Additional Information/.test(text)) {
      problems.push(`${f.file}: Summary Care Record described without its Additional Information`);
    }
    // Item 6: social care complaints go to a different ombudsman from NHS ones.
    if (/Health Service Ombudsman/.test(text) && !/Local Government and Social Care Ombudsman/.test(text)) {
      problems.push(`${f.file}: names the PHSO but not the Local Government and Social Care Ombudsman`);
    }
  }
  return problems;
}

/**
 * Item 9: the one action is "opt out". "Object" is the law's word for it and may appear only
 * where a paragraph explains that; "say no" is not used for it at all.
 */
function wordProblems(files: TextFile[]): string[] {
  const explains = /legal word|law calls|word the law uses|right to object/i;
  return files.flatMap((f) =>
    paragraphs(f).flatMap((paragraph) => {
      const found = /\bobject(s|ed|ing)?\b|\bsay no\b/i.exec(paragraph);
      if (!found || (/\bobject/i.test(found[0]) && explains.test(paragraph))) return [];
      return [`${f.file}: "${found[0]}" (say "opt out", or explain the legal word)`];
    }),
  );
}

const content = [...readAll('content', ['.md', '.yaml']), ...readAll('src/i18n/en', ['.json'])];
/**
 * The settings and the staff and form strings name the legal right, not the action. The privacy
 * notice is read like every other page: it may name the right to object, where it explains it.
 */
const ownWords = new Set(['content/settings/site.yaml']);
const residentsRead = content.filter((f) => !ownWords.has(f.file) && !f.file.startsWith('src/i18n/'));

describe('what the site tells people holds together', () => {
  it('reads the content and the UI strings', () => {
    expect(residentsRead.length).toBeGreaterThan(40);
    expect(content.some((f) => f.file.startsWith('src/i18n/en/'))).toBe(true);
  });

  it('makes none of the promises the site or the law contradicts', () => {
    expect(claimProblems(content)).toEqual([]);
  });

  it('calls the one action "opt out" and explains "object" wherever it is used', () => {
    expect(wordProblems(residentsRead)).toEqual([]);
  });

  it('holds the privacy notice to the same words, with the legal one explained', () => {
    const notice = residentsRead.find((f) => f.file === 'content/pages/privacy-notice.md');
    expect(notice?.text).toMatch(/right to object/);
    expect(wordProblems(notice ? [notice] : [])).toEqual([]);
  });

  it('says in the privacy notice what else the law allows, what the record keeps and where to complain', () => {
    const notice = prose(content.find((f) => f.file === 'content/pages/privacy-notice.md') ?? { file: '', text: '' });
    expect(notice).toMatch(/safe from harm/);
    expect(notice).toMatch(/court orders it/);
    expect(notice).toMatch(/care home can add[^.]*\. The shared care record keeps these/);
    expect(notice).toMatch(/Parliamentary and Health Service Ombudsman/);
    expect(notice).toMatch(/Local Government and Social Care Ombudsman/);
  });

  it('has a glossary that explains the legal word once', () => {
    const glossary = content.find((f) => f.file === 'content/pages/glossary.md');
    expect(glossary?.text).toMatch(/## Opt out/);
    expect(glossary?.text).toMatch(/## Object\n\nThe word the law uses for opting out/);
  });
});

describe('the rules catch the wording they are there for', () => {
  /** Sentences the site printed before issue 14, each of which must be caught. */
  const before: TextFile[] = [
    { file: 'a.md', text: 'These people can never see your shared care record.' },
    { file: 'b.md', text: 'The law only lets us use it for your care.' },
    { file: 'c.md', text: 'It is never used for research, unless you agree to take part in a study.' },
    { file: 'd.md', text: 'It does not make a new file about you.' },
    { file: 'e.md', text: 'It is not shared with the government or the police.' },
    {
      file: 'f.md',
      text: 'If someone has a lasting power of attorney, they can speak for you. Ask your GP practice how.',
    },
    { file: 'g.md', text: 'When we talked to people in one city, 71 % said they were worried.' },
    { file: 'g2.md', text: 'In Leeds, 71 % said they were worried (https://www.leedsccg.nhs.uk/joined-up-leeds/).' },
    { file: 'g3.md', text: 'In Joined Up Leeds, 61 % said they were worried.' },
    { file: 'h.md', text: 'We will put it in place within 10 working days.' },
    { file: 'i.md', text: 'The Summary Care Record holds your medicines, allergies and bad reactions.' },
    { file: 'j.md', text: 'You can contact the Parliamentary and Health Service Ombudsman.' },
    { file: 'k.md', text: 'We use it for one reason: your direct care.' },
    { file: 'l.md', text: 'The shared care record does not keep its own copy of your notes for long.' },
  ];

  it('lets a Leeds figure through with its source and year named', () => {
    const named = { file: 'a.md', text: 'In 2015, Joined Up Leeds reported that 71 % were worried.' };
    expect(claimProblems([named])).toEqual([]);
  });

  it('flags each old promise', () => {
    const flagged = new Set(claimProblems(before).map((problem) => problem.split(':')[0]));
    expect([...flagged].sort()).toEqual(before.map((f) => f.file));
  });

  it('flags "object" and "say no" used for the action, and lets the explanation through', () => {
    const words: TextFile[] = [
      { file: 'a.md', text: 'You can object to your record being shared.' },
      { file: 'b.md', text: 'You can say no to your record being shared.' },
      { file: 'c.md', text: 'A service need not share if you object. **Objecting** is the legal word for opting out.' },
    ];
    expect(wordProblems(words).map((problem) => problem.split(':')[0])).toEqual(['a.md', 'b.md']);
  });
});
