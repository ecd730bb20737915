/**
 * Named examples for the preview templates beyond the real entries the check pages use: states an
 * editor meets while writing that the published content does not show. Each one is rendered on
 * /admin/preview-check/<name>/ and scanned with axe (tests/e2e/cms-previews.spec.ts).
 */
export interface PreviewExample {
  /** The preview template (collection) it uses. */
  template: string;
  data: Record<string, unknown>;
  /** Markdown body, one paragraph per blank line. */
  body: string;
}

export const previewExamples: Readonly<Record<string, PreviewExample>> = {
  'faq-with-long-sentence': {
    template: 'faqs',
    data: { question: 'Who can see my record?', group: 'who-can-see-it', lastReviewed: '2026-11-22' },
    body: [
      'Only staff who care for you can see it.',
      'Staff at your GP practice, the hospital, community services, the ambulance service, mental health services and social care can see the parts of your record they need when they are caring for you.',
    ].join('\n\n'),
  },
  'faq-half-written': {
    template: 'faqs',
    data: { question: 'Can I' },
    body: '',
  },
};
