import type { z } from 'zod';
import { TRANSLATED_LANGUAGES } from '../i18n/languages.ts';
import { consultationSchema } from '../schemas/consultation.ts';
import { consultationTranslationSchema } from '../schemas/consultation-translation.ts';
import { decisionAidSchema } from '../schemas/decision-aid.ts';
import { easyReadSchema } from '../schemas/easy-read.ts';
import {
  eventSchema,
  faqSchema,
  mythSchema,
  organisationSchema,
  pageSchema,
  settingsSchema,
  storySchema,
  updateSchema,
} from '../schemas/index.ts';
import { mediaVersionSchema } from '../schemas/media-version.ts';
import { meetingSchema } from '../schemas/meeting.ts';
import { responseSchema } from '../schemas/response.ts';
import { toolkitSchema } from '../schemas/toolkit.ts';
import { translationSchema } from '../schemas/translation.ts';

/**
 * Every content type the comms team edits, where its files live and how Decap lists them. The
 * Astro collections (src/content.config.ts), the CMS config (config.generated.json), the content
 * check before a build (validate-content.ts), the preview templates and their check pages
 * (src/pages/admin/preview-check/) all read this list, so a new content type is added in one place.
 */

/** Where a content type's files live, relative to the repository root. */
export type ContentSource =
  /** One Markdown file per entry: YAML front matter, then the body. */
  | { kind: 'markdown'; folder: string; bodyLabel: string; bodyHint?: string }
  /** One YAML file per entry. */
  | { kind: 'yaml'; folder: string }
  /** One named YAML file (a single-file collection). */
  | { kind: 'file'; file: string; fileLabel: string };

export interface ContentType {
  /** The collection's name: also the Astro collection and the preview template's name. */
  name: string;
  label: string;
  labelSingular: string;
  /** Shown above the list of entries in the CMS. */
  description: string;
  schema: z.ZodObject;
  source: ContentSource;
  /** The field Decap names new files after. Decap defaults to `title`. */
  identifierField?: string;
  /**
   * How an entry is named in the CMS list, e.g. "{{title}} ({{date}})". Leave it out when it would
   * only repeat the identifier field: Decap then shows that field as it is, instead of filling in a
   * template for every entry on every update (about a tenth of a second with 1,000 questions).
   */
  summary?: string;
  sortableFields?: string[];
  /**
   * Decap's side-by-side translation editing (its i18n support, structure multiple_folders): the
   * entry's files are <folder>/<language>/<id>.md, one per language, edited in one screen.
   */
  languages?: readonly string[];
  /**
   * False for a type the site reads with its own reader instead of as an Astro collection: the
   * decision aid (src/utils/decision-aid.ts), which the search index reads outside Astro too.
   * Every other type is an Astro collection of the same name, over the same files.
   */
  astroCollection?: false | undefined;
}

/**
 * One content type, with its name and schema kept as written (not widened to string and
 * z.ZodObject), so src/content.config.ts can give Astro each collection's own entry type.
 */
function contentType<const N extends string, S extends z.ZodObject, A extends false | undefined = undefined>(
  type: Omit<ContentType, 'name' | 'schema' | 'astroCollection'> & { name: N; schema: S; astroCollection?: A },
) {
  return type;
}

const REVIEW_HINT = 'Keep sentences under 25 words. Aim for a reading age of 11 or under: the preview shows the score.';

export const contentTypes = [
  contentType({
    name: 'pages',
    label: 'Pages',
    labelSingular: 'Page',
    description: 'Explanation pages, such as “What is the shared care record?”. The file name is the page address.',
    schema: pageSchema(),
    source: { kind: 'markdown', folder: 'content/pages', bodyLabel: 'Page', bodyHint: REVIEW_HINT },
    sortableFields: ['title', 'order'],
  }),
  contentType({
    name: 'faqs',
    label: 'Questions (FAQs)',
    labelSingular: 'Question',
    description: 'Questions people ask, shown in groups on /faqs/.',
    schema: faqSchema(),
    source: { kind: 'markdown', folder: 'content/faqs', bodyLabel: 'Answer', bodyHint: REVIEW_HINT },
    identifierField: 'question',
    sortableFields: ['question', 'group', 'order'],
  }),
  contentType({
    name: 'myths',
    label: 'Myths and facts',
    labelSingular: 'Myth',
    description: 'Worries people have, each answered with the facts and sources on its own page.',
    schema: mythSchema(),
    source: { kind: 'markdown', folder: 'content/myths', bodyLabel: 'The evidence', bodyHint: REVIEW_HINT },
    identifierField: 'myth',
    sortableFields: ['myth', 'order'],
  }),
  contentType({
    name: 'updates',
    label: 'Updates',
    labelSingular: 'Update',
    description:
      'News, on /updates/, in the RSS feed and emailed to subscribers on publishing. Tag a change to what the record holds as “newly-shared”. An edit is not emailed again unless you tick “Send again by email”.',
    schema: updateSchema(),
    source: { kind: 'markdown', folder: 'content/updates', bodyLabel: 'Story', bodyHint: REVIEW_HINT },
    summary: '{{title}} ({{date}})',
    sortableFields: ['title', 'date'],
  }),
  contentType({
    name: 'events',
    label: 'Events',
    labelSingular: 'Event',
    description: 'Public meetings and drop-ins, each with a calendar file.',
    schema: eventSchema(),
    source: { kind: 'markdown', folder: 'content/events', bodyLabel: 'About the event' },
    summary: '{{title}} ({{start}})',
    sortableFields: ['title', 'start'],
  }),
  contentType({
    name: 'stories',
    label: 'Stories',
    labelSingular: 'Story',
    description: 'Made-up stories that show how the record helps. The page always says they are made up.',
    schema: storySchema(),
    source: { kind: 'markdown', folder: 'content/stories', bodyLabel: 'Story', bodyHint: REVIEW_HINT },
    sortableFields: ['title'],
  }),
  contentType({
    name: 'responses',
    label: 'You said, we did',
    labelSingular: 'Response',
    description: 'What people told us about a theme, and what we changed because of it.',
    schema: responseSchema(),
    source: { kind: 'markdown', folder: 'content/responses', bodyLabel: 'More detail', bodyHint: REVIEW_HINT },
    summary: '{{title}} ({{date}})',
    sortableFields: ['title', 'date'],
  }),
  contentType({
    name: 'consultations',
    label: 'Consultations',
    labelSingular: 'Consultation',
    description:
      'Short surveys at /consultations/<file name>/. Set the opening and closing days; the results page appears the day after it closes.',
    schema: consultationSchema(),
    source: { kind: 'yaml', folder: 'content/consultations' },
    summary: '{{title}} ({{opens}} to {{closes}})',
    sortableFields: ['title', 'opens'],
  }),
  contentType({
    name: 'meetings',
    label: 'Meeting summaries',
    labelSingular: 'Meeting summary',
    description:
      'Board and lay partner forum meetings: who came (by role), what was decided, what lay partners asked. Listed on /governance/.',
    schema: meetingSchema(),
    source: { kind: 'markdown', folder: 'content/meetings', bodyLabel: 'More detail', bodyHint: REVIEW_HINT },
    summary: '{{title}} ({{date}})',
    sortableFields: ['title', 'date'],
  }),
  contentType({
    name: 'easyRead',
    label: 'Easy Read pages',
    labelSingular: 'Easy Read page',
    description:
      'Easy Read versions of the main pages, at /easy-read/<file name>/. One short sentence per point, each after its picture.',
    schema: easyReadSchema(),
    source: { kind: 'markdown', folder: 'content/easy-read', bodyLabel: 'Page', bodyHint: REVIEW_HINT },
    sortableFields: ['title', 'order'],
  }),
  contentType({
    name: 'mediaVersions',
    label: 'BSL and audio versions',
    labelSingular: 'BSL or audio version',
    description:
      'British Sign Language videos and audio recordings, with a captions file (.vtt). The page shows the full transcript, which you write below.',
    schema: mediaVersionSchema(),
    source: { kind: 'markdown', folder: 'content/media-versions', bodyLabel: 'Transcript (every word said or signed)' },
    sortableFields: ['title'],
  }),
  contentType({
    name: 'translations',
    label: 'Translations',
    labelSingular: 'Translation',
    description:
      'Polish and Urdu versions of pages, side by side. The file name is the English page’s (home, who-can-see-it). Set “Checked by a translator?” to signed-off only once a professional translator has checked it.',
    schema: translationSchema(),
    source: { kind: 'markdown', folder: 'content/translations', bodyLabel: 'Page' },
    sortableFields: ['title'],
    languages: TRANSLATED_LANGUAGES,
  }),
  contentType({
    name: 'consultationTranslations',
    label: 'Consultation translations',
    labelSingular: 'Consultation translation',
    description:
      'Polish and Urdu versions of consultations, side by side. The file name is the English consultation’s (how-we-write-to-you). Give every question by its English id, and one option for each English option, in the same order. Set “Checked by a translator?” to signed-off only once a professional translator has checked it.',
    schema: consultationTranslationSchema(),
    // Its own folder under translations/, so Decap keeps each language in <folder>/<language>/<slug>.yaml
    // as it does for pages, and the page translations' folders hold only pages.
    source: { kind: 'yaml', folder: 'content/translations/consultations' },
    sortableFields: ['title'],
    languages: TRANSLATED_LANGUAGES,
  }),
  contentType({
    name: 'organisations',
    label: 'Organisations',
    labelSingular: 'Organisation',
    description: 'Organisations that take part in the shared care record, listed on /organisations/.',
    schema: organisationSchema(),
    source: { kind: 'yaml', folder: 'content/organisations' },
    identifierField: 'name',
    summary: '{{name}} ({{town}})',
    sortableFields: ['name', 'town', 'joined'],
  }),
  contentType({
    name: 'choices',
    label: 'Your choices',
    labelSingular: 'Decision aid',
    description: 'The four choices and the “I want to…” answers on /your-choices/.',
    schema: decisionAidSchema(),
    source: { kind: 'file', file: 'content/choices/decision-aid.yaml', fileLabel: 'Decision aid' },
    astroCollection: false,
  }),
  contentType({
    name: 'settings',
    label: 'Site settings',
    labelSingular: 'Settings',
    description: 'The scheme’s name, contact details, data controllers and response times.',
    schema: settingsSchema(),
    source: { kind: 'file', file: 'content/settings/site.yaml', fileLabel: 'Site settings' },
  }),
  contentType({
    name: 'toolkit',
    label: 'Partner toolkit',
    labelSingular: 'Partner toolkit',
    description:
      'The words on the posters, leaflets, letter, desk script and messages at /toolkit/. The names, phone and summaries come from the other content.',
    schema: toolkitSchema(),
    source: { kind: 'file', file: 'content/toolkit/toolkit.yaml', fileLabel: 'Partner toolkit' },
  }),
];

/** A content type that Astro reads as a collection of the same name. */
export type AstroContentType = Extract<(typeof contentTypes)[number], { astroCollection?: undefined }>;

export function isAstroCollection(type: (typeof contentTypes)[number]): type is AstroContentType {
  return type.astroCollection !== false;
}
