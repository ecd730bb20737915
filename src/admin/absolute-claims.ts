/**
 * Absolute claims about data: "we never share it", "only your care team can see it", "100 % safe".
 * Each is a promise the scheme can be held to, and a journalist, a campaigner or the ICO will quote
 * the one the site breaks (issue 14). They are not wrong in themselves, so they are warnings, not
 * errors: the content check and the CMS preview name each sentence, and someone signs the entry's
 * legal claims off in `legalReview`. Pure, so the browser preview and the build share it.
 */

/** The absolute words, matched as whole words; "100 %" with or without the space. */
const ABSOLUTE = /\b(never|always|only|cannot|can't|can’t|guarantee[ds]?)\b|\b100\s?%/i;

/** Words that make a sentence about data (personal information, the record, sharing it). */
const ABOUT_DATA =
  /\b(data|information|record|records|details|share[ds]?|sharing|see|seen|view|access|look(?:ed|s)? at|NHS number|stored?|kept|keep|used?|sold|sell)\b/i;

export interface AbsoluteClaim {
  /** The sentence as the reader sees it, Markdown marks taken out. */
  sentence: string;
  /** The absolute word it uses, as written. */
  word: string;
}

/** Markdown to the words a reader sees: links keep their text, emphasis and heading marks go. */
function plainText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`>]/g, '');
}

/** Each sentence: split after . ! ? and at line ends (list items and headings stand alone). */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

/** Every sentence in `text` (Markdown or plain) that makes an absolute claim about data. */
export function findAbsoluteClaims(text: string): AbsoluteClaim[] {
  const claims: AbsoluteClaim[] = [];
  for (const sentence of sentences(plainText(text))) {
    const word = ABSOLUTE.exec(sentence)?.[0];
    if (word !== undefined && ABOUT_DATA.test(sentence)) claims.push({ sentence, word });
  }
  return claims;
}

/** The warning's words, for the content check and the preview alike. */
export const describeClaim = (claim: AbsoluteClaim) =>
  `"${claim.word}" is an absolute claim about data: check it is true without exception, or soften it, and record who signed it off in Legal review. Sentence: "${claim.sentence}"`;
