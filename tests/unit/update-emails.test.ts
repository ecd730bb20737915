import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateTopicOf } from '../../src/domain/subscriptions.ts';
import { renderTemplate } from '../../src/server/mail/templates.ts';
import { newToken } from '../../src/server/opt-out/tokens.ts';
import {
  feedEntryOf,
  type PublishedUpdate,
  readUpdateFeed,
  UPDATE_FEED_PATH,
} from '../../src/server/subscriptions/feed.ts';
import { digestItemsParam } from '../../src/server/subscriptions/update-emails.ts';

const context = { siteUrl: 'https://clearshare.example', schemeName: 'Clearshare' };
const manageToken = newToken();
const headers = {
  'List-Unsubscribe': `<https://clearshare.example/api/updates/unsubscribe?token=${manageToken}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
};

describe('an update emailed to a subscriber', () => {
  it('gives the headline, summary and a plain link, with one-click unsubscribe and nothing to track', () => {
    const email = renderTemplate(
      'update-notice',
      { slug: 'care-homes-join', title: 'Care homes join', summary: 'Care homes can see the record.', manageToken },
      context,
    );
    expect(email.subject).toBe('Care homes join');
    expect(email.text).toContain('Care homes can see the record.');
    expect(email.text).toContain('https://clearshare.example/updates/care-homes-join/\n');
    expect(email.text).toContain(`https://clearshare.example/api/updates/manage?token=${manageToken}`);
    expect(email.headers).toEqual(headers);
    expect(email.text).not.toMatch(/<img|utm_|[?&](?!token=)[a-z]+=/i);
  });

  it('the weekly digest lists each update with its link, and the same headers', () => {
    const items = digestItemsParam([
      { slug: 'one', title: 'First news', summary: 'The first.' },
      { slug: 'two', title: 'Second news', summary: 'The second.' },
    ]);
    const email = renderTemplate('update-digest', { items, manageToken }, context);
    expect(email.text).toMatch(
      /First news\nThe first\.\nRead it all here: https:\/\/clearshare\.example\/updates\/one\//,
    );
    expect(email.text).toContain('https://clearshare.example/updates/two/');
    expect(email.headers).toEqual(headers);
  });

  it('refuses a digest with no updates in it', () => {
    expect(() => renderTemplate('update-digest', { items: '[]', manageToken }, context)).toThrow();
    expect(() => renderTemplate('update-digest', { items: 'not json', manageToken }, context)).toThrow();
  });
});

describe('the feed the build writes for the sender', () => {
  const entry = (data: Partial<PublishedUpdate['data']> = {}, body = 'The story.'): PublishedUpdate => ({
    id: 'care-homes-join',
    body,
    data: {
      title: 'Care homes join',
      summary: 'Care homes can see it.',
      date: new Date('2026-12-09T00:00:00Z'),
      tags: [],
      sendAgain: false,
      ...data,
    },
  });

  it('gives an edit a new hash, but not a ticked "send again" box or a new date alone', () => {
    const first = feedEntryOf(entry());
    expect(first).toMatchObject({ slug: 'care-homes-join', date: '2026-12-09', topic: null, sendAgain: false });
    expect(feedEntryOf(entry({}, 'The story, with a typo fixed.')).hash).not.toBe(first.hash);
    expect(feedEntryOf(entry({ title: 'Care homes join us' })).hash).not.toBe(first.hash);
    expect(feedEntryOf(entry({ sendAgain: true })).hash).toBe(first.hash);
    expect(feedEntryOf(entry({ date: new Date('2026-12-10T00:00:00Z') })).hash).toBe(first.hash);
  });

  it('reads a built feed whose entries have no "send again" (built before the field) as not ticked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-'));
    mkdirSync(join(dir, 'updates'));
    const { sendAgain: _, ...older } = feedEntryOf(entry());
    writeFileSync(join(dir, UPDATE_FEED_PATH), JSON.stringify({ updates: [older] }));
    expect(await readUpdateFeed(dir)).toEqual([{ ...older, sendAgain: false }]);
    expect(await readUpdateFeed(join(dir, 'missing'))).toBeUndefined();
  });

  it('takes the topic the editor chose, else the tags', () => {
    expect(updateTopicOf({ tags: ['new-organisation'] })).toBe('newly-shared');
    expect(updateTopicOf({ tags: ['event'] })).toBe('events');
    expect(updateTopicOf({ tags: ['news'] })).toBeUndefined();
    expect(updateTopicOf({ topic: 'you-said-we-did', tags: ['event'] })).toBe('you-said-we-did');
  });
});
