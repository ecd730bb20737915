import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { markdownToProse } from '../../src/domain/reading-age.ts';
import type { SearchDoc } from '../../src/utils/search-index.ts';

/**
 * The shipped content as search documents, read straight from content/ (the site's own
 * searchDocs() needs Astro's content layer, which a plain Node script cannot load). Close to,
 * not identical with, what the build indexes; bench/search.ts also weighs the built file.
 */
const collections: { folder: string; type: string; url: (id: string) => string; title: string[] }[] = [
  { folder: 'pages', type: 'Page', url: (id) => `/${id}/`, title: ['title'] },
  { folder: 'myths', type: 'Myth and fact', url: (id) => `/myths/${id}/`, title: ['myth'] },
  { folder: 'faqs', type: 'Question', url: (id) => `/faqs/#${id}`, title: ['question'] },
  { folder: 'updates', type: 'Update', url: (id) => `/updates/${id}/`, title: ['title'] },
  { folder: 'events', type: 'Event', url: (id) => `/events/${id}/`, title: ['title'] },
  { folder: 'stories', type: 'Made-up story', url: (id) => `/stories/${id}/`, title: ['title'] },
];

export function contentDocs(contentDir: string): SearchDoc[] {
  return collections.flatMap(({ folder, type, url, title }) =>
    readdirSync(join(contentDir, folder))
      .filter((name) => name.endsWith('.md'))
      .map((name) => {
        const text = readFileSync(join(contentDir, folder, name), 'utf8');
        const [, front = '', body = ''] = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text) ?? [];
        const data = parse(front) ?? {};
        const prose = markdownToProse(body).replace(/\n/g, ' ');
        return {
          title: String(title.map((key) => data[key]).find(Boolean) ?? name),
          type,
          url: url(name.replace(/\.md$/, '')),
          snippet: String(data.description ?? data.summary ?? data.fact ?? prose.slice(0, 160)),
          body: prose,
        };
      }),
  );
}
