import type { APIRoute } from 'astro';
import { translatedSearchIndex } from '../../utils/translated-search.ts';

/** The ur search index, with that language's word rules (docs/languages.md, "Search"). */
export const GET: APIRoute = () => translatedSearchIndex('ur');
