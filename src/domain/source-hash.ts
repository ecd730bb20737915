import { createHash } from 'node:crypto';

/**
 * The fingerprint of the English words a translation was made from. A translation stores it as
 * `sourceHash`; when the English entry changes, the two differ and the translated page says so
 * (src/components/TranslationNotices.astro), as does the launch check.
 *
 * It covers what a reader reads (title, summary and body), not review dates or sources, so
 * re-reviewing an unchanged English page does not mark every translation out of date. Whitespace at
 * either end of the body is ignored: editors' tools add and drop a final newline.
 */
export function sourceHash(entry: { title: string; description: string; body: string }): string {
  const text = JSON.stringify([entry.title, entry.description, entry.body.trim()]);
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Whether a translation was made from the English as it is now. */
export function isStale(storedHash: string, english: { title: string; description: string; body: string }): boolean {
  return storedHash !== sourceHash(english);
}
