import type { ComponentType } from 'react';
import { ConsultationPreview, ConsultationTranslationPreview } from './ConsultationPreview.tsx';
import { FaqPreview, MythPreview, PagePreview, ResponsePreview, StoryPreview } from './ContentPreviews.tsx';
import {
  ChoicesPreview,
  EventPreview,
  OrganisationPreview,
  SettingsPreview,
  UpdatePreview,
} from './ListingPreviews.tsx';
import { MeetingPreview } from './MeetingPreview.tsx';
import type { PreviewProps } from './preview-props.ts';
import { ToolkitPreview } from './ToolkitPreview.tsx';

/**
 * The preview template for each collection (for a file collection: each file), by the name in
 * src/admin/collections.ts. tests/unit/cms-config.test.ts checks every collection has one.
 */
export const previewTemplates: Readonly<Record<string, ComponentType<PreviewProps>>> = {
  pages: PagePreview,
  faqs: FaqPreview,
  myths: MythPreview,
  updates: UpdatePreview,
  events: EventPreview,
  stories: StoryPreview,
  responses: ResponsePreview,
  meetings: MeetingPreview,
  consultations: ConsultationPreview,
  translations: PagePreview,
  consultationTranslations: ConsultationTranslationPreview,
  // Both read as a page: a title, the Markdown body (the points, or the transcript) and review dates.
  easyRead: PagePreview,
  mediaVersions: PagePreview,
  organisations: OrganisationPreview,
  choices: ChoicesPreview,
  settings: SettingsPreview,
  toolkit: ToolkitPreview,
};
