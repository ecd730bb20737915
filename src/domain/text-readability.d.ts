/**
 * Types for the parts of text-readability (plain JavaScript, no bundled types) that
 * src/domain/reading-age.ts uses. Kept narrow on purpose: add a method here only when used.
 */
declare module 'text-readability' {
  interface Readability {
    /** Words, after punctuation is removed, split on spaces, commas and new lines. */
    lexiconCount(text: string, removePunctuation?: boolean): number;
    /** Sentences split at . ? or ! before a capital; fragments of 2 words or fewer are not counted. */
    sentenceCount(text: string): number;
    /** Syllables in the whole text, from the `syllable` package. */
    syllableCount(text: string, lang?: string): number;
    /** The package's own grade; rounds its averages to one decimal first. */
    fleschKincaidGrade(text: string): number;
  }
  const readability: Readability;
  export default readability;
}
