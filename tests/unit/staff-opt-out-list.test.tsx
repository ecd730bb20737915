import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { OptOutListEntry } from '../../src/server/staff/opt-outs/requests.ts';
import { OptOutList } from '../../src/server/staff/opt-outs/views/OptOutList.tsx';

const entry = (id: number, reference: string): OptOutListEntry => ({
  id,
  reference,
  route: 'self',
  status: 'received',
  receivedAt: new Date('2026-12-07T10:00:00Z'),
  ageWorkingDays: 0,
  applyBy: null,
  applyClock: null,
  withdrawalRequested: false,
  hasEmail: true,
  needsAction: true,
});

const list = (entries: readonly OptOutListEntry[], matching: number) => {
  const html = renderToStaticMarkup(
    <OptOutList entries={entries} filter={{}} matching={matching} cursor={{}} csrfToken="t" applyWorkingDays={10} />,
  );
  const main = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  return { caption: /<caption[^>]*>([^<]*)<\/caption>/.exec(html)?.[1], text: main };
};

/** The opt-out work list says how many requests match once, in its table's caption. */
describe('the opt-out work list count', () => {
  it('says the count once when every match is on the page', () => {
    const { caption, text } = list([entry(1, '3R2R7442'), entry(2, 'M55K85BM')], 2);
    expect(caption).toBe('2 requests match, oldest first');
    expect(text.match(/\b2 requests\b/g)).toHaveLength(1);
  });

  it('says one request in the singular', () => {
    expect(list([entry(1, '3R2R7442')], 1).caption).toBe('1 request matches');
  });

  it('says how many this page shows when the matches run to more pages', () => {
    const entries = Array.from({ length: 50 }, (_, index) => entry(index + 1, `REF${String(index).padStart(5, '0')}`));
    expect(list(entries, 1234).caption).toBe('1,234 requests match, oldest first: 50 on this page');
  });
});
