import { type CollectionEntry, getCollection } from 'astro:content';

/**
 * Where each Easy Read page and each BSL or audio version is built, in one place, so the
 * overview's links and the routes cannot disagree.
 */

/** The Easy Read paper form sits under the Easy Read opt-out page, as the standard one does. */
export const EASY_READ_PAPER_FORM_ID = 'paper-form';

/** /easy-read/<file name>/, or /easy-read/opt-out/paper-form/ for the paper form. */
export function easyReadHref(id: string): string {
  return id === EASY_READ_PAPER_FORM_ID ? '/easy-read/opt-out/paper-form/' : `/easy-read/${id}/`;
}

/** /easy-read/bsl-and-audio/<file name>/ */
export function mediaVersionHref(id: string): string {
  return `/easy-read/bsl-and-audio/${id}/`;
}

/** Easy Read pages by their `order`, then title, as the overview lists them. */
export async function easyReadInOrder(): Promise<CollectionEntry<'easyRead'>[]> {
  return (await getCollection('easyRead')).sort(
    (a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title, 'en-GB'),
  );
}
