import type { APIRoute } from 'astro';
import { feedEntryOf } from '../../server/subscriptions/feed.ts';
import { updatesNewestFirst } from '../../utils/collections.ts';

/**
 * The published updates with their email topic and content hash, for the email sender
 * (src/server/subscriptions/send.ts), which reads this built file from the function bundle.
 * Public content only: the same headlines and summaries as /updates/ and the RSS feed.
 */
export const GET: APIRoute = async () => {
  const updates = (await updatesNewestFirst()).map(feedEntryOf);
  return new Response(`${JSON.stringify({ updates }, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
