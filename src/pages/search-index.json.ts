import type { APIRoute } from 'astro';
import { searchDocs } from '../utils/search-docs.ts';
import { buildSearchIndex } from '../utils/search-index.ts';

/** The lunr index and what each result shows, built once at build time and served as a static file. */
export const GET: APIRoute = async () =>
  new Response(JSON.stringify(buildSearchIndex(await searchDocs())), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
