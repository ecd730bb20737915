/** Every content type's schema, keyed by collection name. The CMS config is generated from this. */

export { eventSchema } from './event.ts';
export { faqGroups, faqSchema } from './faq.ts';
export { mythSchema } from './myth.ts';
export { organisationSchema, organisationTypes } from './organisation.ts';
export { pageSchema } from './page.ts';
export { settingsSchema } from './settings.ts';
export { storySchema } from './story.ts';
export { updateSchema, updateTags } from './update.ts';
