import readability from 'text-readability';

/**
 * Reading age of a page's Markdown body, the quality gate for everything residents read.
 *
 * NHS content aims at a reading age of 9–11, because about 43 % of working-age adults in
 * England cannot fully understand text-only health information. We score the prose people
 * actually read, so Markdown syntax, link addresses and image paths must not count as words.
 */

/** What the gate reports for one body of text. */
export interface ReadingAgeResult {
  /** UK reading age in years: Flesch–Kincaid grade + 5, to one decimal. 0 when there is no prose. */
  readingAge: number;
  /** Words counted, as the text-readability package counts them. */
  words: number;
  /** Sentences counted, as the text-readability package counts them. */
  sentences: number;
  /** Sentences over {@link LONG_SENTENCE_WORDS} words: the first things an editor should split. */
  longSentences: string[];
}

/** Sentences longer than this are listed for editors. GOV.UK advises 25 words at most. */
export const LONG_SENTENCE_WORDS = 25;

/** US school grade + 5 = age. A US grade-1 pupil is about 6, so the offset is 5. */
const GRADE_TO_AGE = 5;

/** Blocks that end in these already close a sentence. */
const TERMINAL = /[.!?]["'”’)\]]*$/;

/** Inline Markdown and HTML reduced to the words a reader sees. Order matters: images before links. */
function cleanInline(text: string): string {
  return text
    .replace(/`[^`]*`/g, ' ') // inline code is not prose
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ') // images: a picture, not words on the page
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links: keep the link text, drop the address
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, ' ') // HTML tags (and <https://…> autolinks)
    .replace(/https?:\/\/\S+/g, ' ') // bare addresses would count as one very long word
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ') // so would email addresses: read as a whole, not by syllables
    .replace(/(\*\*|__|\*|_|~~)(?=\S)|(?<=\S)(\*\*|__|\*|_|~~)/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Turns a block (heading, list item, table cell, paragraph) into one sentence the package can
 * see: its splitter only breaks at ". " followed by a capital, so we capitalise the first letter
 * and end the block with a full stop. A trailing colon ("You can:") closes the lead-in sentence.
 */
function asSentence(block: string): string {
  const text = cleanInline(block);
  if (!/[A-Za-z0-9]/.test(text)) return '';
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  if (TERMINAL.test(capitalised)) return capitalised;
  return `${capitalised.replace(/[:;,]+$/, '')}.`;
}

/** Strips a Markdown document to prose, one block per line. Exported for tests and editors. */
export function markdownToProse(markdown: string): string {
  const body = markdown
    .replace(/^\uFEFF?---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/, '') // front matter
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '') // fenced code
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^\s*\[[^\]]+\]:\s+\S+.*$/gm, ''); // link reference definitions

  const blocks: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push(paragraph.join(' '));
    paragraph = [];
  };

  for (const raw of body.split(/\r?\n/)) {
    const line = raw.replace(/^\s*(>\s?)+/, '').trim();
    if (line === '' || /^([-*_])(\s*\1){2,}$/.test(line)) {
      flush();
    } else if (/^#{1,6}\s/.test(line)) {
      flush();
      blocks.push(line.replace(/^#{1,6}\s+/, '').replace(/\s+#+$/, ''));
    } else if (line.startsWith('|')) {
      flush();
      if (/^\|[\s|:-]+\|?$/.test(line)) continue; // the |---|---| row under a table head
      blocks.push(...line.replace(/^\||\|$/g, '').split('|'));
    } else if (/^([-*+]|\d+[.)])\s+/.test(line)) {
      flush(); // each list item is its own sentence; continuation lines join it below
      paragraph.push(line.replace(/^([-*+]|\d+[.)])\s+/, ''));
    } else {
      paragraph.push(line);
    }
  }
  flush();

  return blocksToProse(blocks);
}

/**
 * Blocks (headings, list items, table cells, paragraphs, labels) to prose, one sentence or more
 * a line. Shared by the Markdown gate and the built-page gate (reading-age-html.ts), so both
 * count a list item or a heading the same way: see docs/reading-age.md for why.
 */
export function blocksToProse(blocks: readonly string[]): string {
  return blocks.map(asSentence).filter(Boolean).join('\n');
}

/** Sentences over the long-sentence limit, found with a simpler split than the package's. */
function findLongSentences(prose: string): string[] {
  return prose
    .split(/\n|(?<=[.!?]["'”’)\]]*)\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => readability.lexiconCount(sentence) > LONG_SENTENCE_WORDS);
}

/**
 * The reading age of a Markdown body.
 *
 * We take word, sentence and syllable counts from text-readability but apply the Flesch–Kincaid
 * formula ourselves: the package's own fleschKincaidGrade() rounds syllables-per-word to one
 * decimal first, which makes a page's score jump by up to 1.2 years when one word changes.
 */
export function readingAgeOf(markdown: string): ReadingAgeResult {
  return readingAgeOfProse(markdownToProse(markdown));
}

/** The reading age of prose already split into sentences (from {@link blocksToProse}). */
export function readingAgeOfProse(prose: string): ReadingAgeResult {
  const words = prose === '' ? 0 : readability.lexiconCount(prose);
  if (words === 0) return { readingAge: 0, words: 0, sentences: 0, longSentences: [] };

  const sentences = readability.sentenceCount(prose);
  const syllables = readability.syllableCount(prose);
  const grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
  const readingAge = Math.round((grade + GRADE_TO_AGE) * 10) / 10;

  return { readingAge, words, sentences, longSentences: findLongSentences(prose) };
}
