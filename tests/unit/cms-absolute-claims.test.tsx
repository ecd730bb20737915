import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { findAbsoluteClaims } from '../../src/admin/absolute-claims.ts';
import { PagePreview } from '../../src/admin/previews/ContentPreviews.tsx';
import { UpdatePreview } from '../../src/admin/previews/ListingPreviews.tsx';

/**
 * Absolute claims about data ("never", "always", "only", "cannot", "guarantee", "100 %") are
 * promises the scheme can be held to (issue 14): the CMS preview names each sentence as a
 * warning for legal review, and says who signed the entry's legal claims off.
 */

const page = (body: string, data: Record<string, unknown> = {}) =>
  renderToStaticMarkup(<PagePreview data={{ title: 'Who can see it', ...data }} body={body} target={11} />);

describe('the absolute-claims check in the CMS preview', () => {
  it('names the sentence that promises too much, and the word', () => {
    const html = page('Your GP can see it. Staff who are not caring for you can never see it. We check who looks.');
    expect(html).toContain('Absolute claims check (only you see this)');
    expect(html).toContain('1 absolute claim');
    expect(html).toContain('<mark>Staff who are not caring for you can never see it.</mark> (“never”)');
    expect(html).not.toContain('<mark>Your GP can see it.</mark>');
  });

  it('says when there is nothing to check, and that no legal review is recorded', () => {
    const html = page('Your GP can see it. We check who looks at it.');
    expect(html).toContain('No absolute claims about data found.');
    expect(html).toContain('Legal review: not recorded yet.');
  });

  it('shows who signed the legal claims off, and when', () => {
    const html = page('We never sell your data.', { legalReview: { by: 'Jo Patel, IG Lead', date: '2026-12-01' } });
    expect(html).toContain('Legal review: signed off by Jo Patel, IG Lead on 1 December 2026.');
  });

  it('finds each absolute word in a sentence about data, and leaves sentences about other things alone', () => {
    const words = findAbsoluteClaims(
      [
        'We always keep your record safe.',
        'Only your care team can look at your details.',
        'We cannot sell your data.',
        'We guarantee your information is secure.',
        'Your data is 100 % safe.',
        'The phone line is always open on Mondays.',
        'It only takes five minutes.',
      ].join(' '),
    ).map((claim) => claim.word);
    expect(words).toEqual(['always', 'Only', 'cannot', 'guarantee', '100 %']);
  });
});

describe('example marking in the CMS preview', () => {
  it('shows the example notice on an entry marked as example, and not otherwise', () => {
    const marked = renderToStaticMarkup(
      <UpdatePreview data={{ title: 'Easy Read guide', example: true }} body="Text." target={11} />,
    );
    expect(marked).toContain('This page has made-up examples');
    expect(page('Text.')).not.toContain('This page has made-up examples');
  });

  it('says new sharing is coming, with the way to opt out, until the day it starts', () => {
    const html = renderToStaticMarkup(
      <UpdatePreview data={{ title: 'New sharing', sharingStarts: '2099-01-04' }} body="Text." target={11} />,
    );
    expect(html).toContain('Coming on 4 January 2099: <a href="/opt-out/">you can opt out before it starts</a>');
  });
});
