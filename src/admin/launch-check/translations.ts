import { consultationSourceHash } from '../../domain/consultation-translation.ts';
import { sourceHash } from '../../domain/source-hash.ts';
import { consultationSchema } from '../../schemas/consultation.ts';
import type { ContentFile } from '../content-files.ts';
import type { LaunchItem } from './kinds.ts';

/**
 * Translations the comms team must see to before launch, and after every change to an English page:
 * one made from an older English entry (its sourceHash differs from the English entry's now), and
 * one no professional translator has signed off. The pages say the same to readers
 * (src/components/TranslationNotices.astro), from the same fingerprint (src/domain/source-hash.ts).
 */

const field = (data: unknown, name: string): unknown =>
  typeof data === 'object' && data !== null ? Object.entries(data).find(([key]) => key === name)?.[1] : undefined;

const text = (data: unknown, name: string): string => {
  const value = field(data, name);
  return typeof value === 'string' ? value : '';
};

function stale(translation: ContentFile, pages: ContentFile[]): LaunchItem[] {
  const english = pages.find((page) => page.slug === translation.slug);
  if (!english)
    return [
      {
        kind: 'stale-translation',
        file: translation.file,
        detail: `there is no English page content/pages/${translation.slug}.md to translate`,
      },
    ];
  const now = sourceHash({
    title: text(english.data, 'title'),
    description: text(english.data, 'description'),
    body: english.body,
  });
  return text(translation.data, 'sourceHash') === now
    ? []
    : [
        {
          kind: 'stale-translation',
          file: translation.file,
          detail: `${english.file} has changed since it was translated (its fingerprint is now ${now})`,
        },
      ];
}

/** The same for a consultation's translation, against content/consultations/<slug>.yaml. */
function staleConsultation(translation: ContentFile, consultations: ContentFile[]): LaunchItem[] {
  const file = consultations.find((entry) => entry.slug === translation.slug);
  const english = consultationSchema().safeParse(file?.data);
  // A missing or broken English file is the content check's to report: the build stops on it.
  if (!file || !english.success) return [];
  const now = consultationSourceHash(english.data);
  return text(translation.data, 'sourceHash') === now
    ? []
    : [
        {
          kind: 'stale-translation',
          file: translation.file,
          detail: `${file.file} has changed since it was translated (its fingerprint is now ${now})`,
        },
      ];
}

function unchecked(translation: ContentFile): LaunchItem[] {
  return text(field(translation.data, 'translationReview'), 'status') === 'signed-off'
    ? []
    : [{ kind: 'translation-review', file: translation.file, detail: 'not checked by a professional translator yet' }];
}

/** Every translation that is out of date or unchecked, among all the content files read. */
export function translationItems(entries: ContentFile[]): LaunchItem[] {
  const pages = entries.filter((entry) => entry.type.name === 'pages');
  const consultations = entries.filter((entry) => entry.type.name === 'consultations');
  return entries.flatMap((entry) =>
    entry.type.name === 'translations'
      ? [...stale(entry, pages), ...unchecked(entry)]
      : entry.type.name === 'consultationTranslations'
        ? [...staleConsultation(entry, consultations), ...unchecked(entry)]
        : [],
  );
}
