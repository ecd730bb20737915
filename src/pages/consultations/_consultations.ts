import { type CollectionEntry, getCollection } from 'astro:content';
import { consultationTranslationStale } from '../../domain/consultation-translation.ts';
import type { Language } from '../../i18n/languages.ts';

/** Every consultation, the newest opening first. */
export async function consultationsNewestFirst() {
  const all = await getCollection('consultations');
  return all.sort((a, b) => b.data.opens.getTime() - a.data.opens.getTime());
}

/** A consultation's translation, and whether its English words have changed since it was made. */
export interface ConsultationTranslation {
  entry: CollectionEntry<'consultationTranslations'>;
  stale: boolean;
}

/**
 * The paths of /pl/consultations/<slug>/ (or /ur/): one for EVERY consultation, with its
 * translation when it has one. A route under /pl/ for some slugs only would stop Astro's i18n
 * fallback from making the others, and their Polish address would be a 404.
 */
export async function consultationPathsIn(lang: Language) {
  const translations = await getCollection('consultationTranslations', (found) => found.id.startsWith(`${lang}/`));
  return (await consultationsNewestFirst()).map((entry) => {
    const found = translations.find((each) => each.id === `${lang}/${entry.id}`);
    const translation: ConsultationTranslation | undefined = found && {
      entry: found,
      stale: consultationTranslationStale(found.data.sourceHash, entry.data),
    };
    return { params: { slug: entry.id }, props: { entry, translation } };
  });
}

/**
 * The consultations translated into `lang`, newest first (the English list's order), each with its
 * translation: what /pl/consultations/ (or /ur/) lists. The others are English only.
 */
export async function translatedConsultationsIn(lang: Language) {
  const paths = await consultationPathsIn(lang);
  return paths.flatMap(({ props: { entry, translation } }) => (translation ? [{ entry, translation }] : []));
}
