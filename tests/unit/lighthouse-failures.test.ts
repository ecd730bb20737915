import { describe, expect, it } from 'vitest';
import { failedAudits, type LighthouseResult } from '../../bench/lib/lighthouse-failures.ts';

/** A Lighthouse result cut down to what the bench reads, as staff sign-in gave it (SEO 54). */
const result = (): LighthouseResult => ({
  categories: {
    performance: { title: 'Performance', score: 1, auditRefs: [{ id: 'largest-contentful-paint', weight: 25 }] },
    seo: {
      title: 'SEO',
      score: 0.54,
      auditRefs: [
        { id: 'is-crawlable', weight: 93 / 23 },
        { id: 'meta-description', weight: 1 },
        { id: 'document-title', weight: 1 },
        { id: 'structured-data', weight: 0 },
      ],
    },
  },
  audits: {
    'largest-contentful-paint': { id: 'largest-contentful-paint', title: 'Largest Contentful Paint', score: 0.9 },
    'is-crawlable': {
      id: 'is-crawlable',
      title: 'Page is blocked from indexing',
      score: 0,
      details: {
        items: [
          { source: { snippet: '<meta name="robots" content="noindex" />' } },
          { source: { url: 'http://127.0.0.1/robots.txt', line: 1 } },
          { source: 'X-Robots-Tag: noindex' },
        ],
      },
    },
    'meta-description': { id: 'meta-description', title: 'Document does not have a meta description', score: 0 },
    'document-title': { id: 'document-title', title: 'Document has a `<title>` element', score: 1 },
    'structured-data': { id: 'structured-data', title: 'Structured data is valid', score: 0 },
  },
});

describe('the Lighthouse bench says why a page misses 100', () => {
  it('names each failed audit that counts in a category under 100, with what blocks indexing', () => {
    expect(failedAudits(result())).toEqual([
      'SEO 54: is-crawlable (Page is blocked from indexing: <meta name="robots" content="noindex" />; ' +
        'http://127.0.0.1/robots.txt line 2; X-Robots-Tag: noindex), ' +
        'meta-description (Document does not have a meta description)',
    ]);
  });

  it('says nothing for a page at 100 everywhere, and names a failed run beside the scores it kept', () => {
    const clean = result();
    clean.categories['seo'] = { title: 'SEO', score: 1, auditRefs: [] };
    expect(failedAudits(clean)).toEqual([]);
    expect(failedAudits({ ...clean, runtimeError: { code: 'NO_NAVSTART' } })).toEqual(['run failed: NO_NAVSTART']);
  });
});
