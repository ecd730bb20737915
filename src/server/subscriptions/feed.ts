import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { UPDATE_TOPICS, type UpdateTopic, updateTopicOf } from '../../domain/subscriptions.ts';

/**
 * The published updates as the site build wrote them (src/pages/updates/email-feed.json.ts), for
 * the sender. A function bundle holds no content folder, so the build writes this file beside the
 * pages and netlify.toml's included_files puts it in the bundle, like the staff shell: the sender
 * sends exactly what the published site shows, and never reads the repository at run time.
 */
export const UPDATE_FEED_PATH = 'updates/email-feed.json';

const feedEntrySchema = z.object({
  slug: z.string().min(1),
  title: z.string(),
  summary: z.string(),
  /** The published date (YYYY-MM-DD). */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  topic: z.enum(UPDATE_TOPICS).nullable(),
  /** Missing in a feed built from content cached before the field existed: not ticked. */
  sendAgain: z.boolean().default(false),
  /** SHA-256 of the words and topic: a changed hash is an edited update. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export const updateFeedSchema = z.object({ updates: z.array(feedEntrySchema) });
export type UpdateFeedEntry = z.infer<typeof feedEntrySchema>;

/** What the build knows of an update entry (Astro's collection entry, narrowed). */
export interface PublishedUpdate {
  id: string;
  body?: string | undefined;
  data: {
    title: string;
    summary: string;
    date: Date;
    tags: readonly string[];
    topic?: UpdateTopic | undefined;
    /** Optional here: Astro's content cache can hand over entries parsed before the field existed. */
    sendAgain?: boolean | undefined;
  };
}

/**
 * A feed entry for one update. The hash covers what a reader sees (headline, summary, story) and
 * the topic, not the "send again" box or the date, so ticking the box alone does not make a new version.
 */
export function feedEntryOf(update: PublishedUpdate): UpdateFeedEntry {
  const topic = updateTopicOf(update.data) ?? null;
  const hash = createHash('sha256')
    .update(JSON.stringify([update.data.title, update.data.summary, update.body ?? '', topic]))
    .digest('hex');
  return {
    slug: update.id,
    title: update.data.title,
    summary: update.data.summary,
    date: update.data.date.toISOString().slice(0, 10),
    topic,
    sendAgain: update.data.sendAgain === true,
    hash,
  };
}

/** The feed the build wrote under STATIC_DIR, or undefined when the site was built without it. */
export async function readUpdateFeed(staticDir: string): Promise<UpdateFeedEntry[] | undefined> {
  let text: string;
  try {
    text = await readFile(resolve(staticDir, UPDATE_FEED_PATH), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new Error('Could not read the updates feed the build wrote', { cause: error });
  }
  return updateFeedSchema.parse(JSON.parse(text)).updates;
}
