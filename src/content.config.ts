import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { easyReadSchema } from './schemas/easy-read.ts';
import {
  eventSchema,
  faqSchema,
  mythSchema,
  organisationSchema,
  pageSchema,
  settingsSchema,
  storySchema,
  updateSchema,
} from './schemas/index.ts';
import { mediaVersionSchema } from './schemas/media-version.ts';
import { meetingSchema } from './schemas/meeting.ts';
import { responseSchema } from './schemas/response.ts';
import { translationSchema } from './schemas/translation.ts';

/**
 * Each collection reads the comms team's files under the top-level content/ folder. CONTENT_DIR
 * points the build at another copy (bench/build.ts builds 10,000 generated entries that way).
 */
const contentDir = process.env['CONTENT_DIR'] ?? './content';
const from = (folder: string, pattern = '**/*.md') => glob({ base: `${contentDir}/${folder}`, pattern });

export const collections = {
  pages: defineCollection({ loader: from('pages'), schema: pageSchema() }),
  faqs: defineCollection({ loader: from('faqs'), schema: faqSchema() }),
  myths: defineCollection({ loader: from('myths'), schema: mythSchema() }),
  updates: defineCollection({ loader: from('updates'), schema: updateSchema() }),
  events: defineCollection({ loader: from('events'), schema: eventSchema() }),
  stories: defineCollection({ loader: from('stories'), schema: storySchema() }),
  organisations: defineCollection({ loader: from('organisations', '**/*.yaml'), schema: organisationSchema() }),
  responses: defineCollection({ loader: from('responses'), schema: responseSchema() }),
  meetings: defineCollection({ loader: from('meetings'), schema: meetingSchema() }),
  easyRead: defineCollection({ loader: from('easy-read'), schema: easyReadSchema() }),
  mediaVersions: defineCollection({ loader: from('media-versions'), schema: mediaVersionSchema() }),
  settings: defineCollection({ loader: from('settings', '**/*.yaml'), schema: settingsSchema() }),
  // Polish and Urdu versions of pages, one folder per language (content/translations/pl/home.md).
  translations: defineCollection({ loader: from('translations'), schema: translationSchema() }),
};
