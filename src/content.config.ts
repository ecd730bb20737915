import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { type AstroContentType, type ContentSource, contentTypes, isAstroCollection } from './admin/collections.ts';

/**
 * Each collection reads the comms team's files under the top-level content/ folder. CONTENT_DIR
 * points the build at another copy (bench/build.ts builds 10,000 generated entries that way).
 * The collections are the content types in src/admin/collections.ts, so the CMS, the content
 * check and the build cannot disagree about which collections there are or where they live.
 */
const contentDir = process.env['CONTENT_DIR'] ?? './content';

/** A source's folder (content/faqs) inside the content folder being built. */
const inContentDir = (path: string) => path.replace(/^content(?=\/|$)/, contentDir);

function loaderFor(source: ContentSource) {
  switch (source.kind) {
    case 'markdown':
      // Polish and Urdu translations sit one folder down (content/translations/pl/home.md).
      return glob({ base: inContentDir(source.folder), pattern: '**/*.md' });
    case 'yaml':
      return glob({ base: inContentDir(source.folder), pattern: '**/*.yaml' });
    case 'file': {
      const slash = source.file.lastIndexOf('/');
      return glob({ base: inContentDir(source.file.slice(0, slash)), pattern: source.file.slice(slash + 1) });
    }
  }
}

/** Each collection's loader and its own schema, which Astro reads to type getCollection('faqs'). */
type Collections = { [T in AstroContentType as T['name']]: { loader: Loader; schema: T['schema'] } };

// Object.fromEntries cannot keep each key's own type, so the result is named by the type above,
// which is built from the same list: Astro's getCollection('faqs') then returns FAQ entries.
export const collections = Object.fromEntries(
  contentTypes
    .filter(isAstroCollection)
    .map((type) => [type.name, defineCollection({ loader: loaderFor(type.source), schema: type.schema })]),
) as Collections;
