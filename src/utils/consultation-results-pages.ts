import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consultationFromYaml } from '../domain/consultation-file.ts';
import { resultsPath } from '../domain/consultation-paths.ts';
import { consultationStage } from '../domain/consultations.ts';
import { TRANSLATED_LANGUAGES } from '../i18n/languages.ts';

/**
 * The results pages (/consultations/<slug>/results/, drawn by a function) of the consultations
 * closed on the day of the build: published figures, meant to be found like /transparency/, so the
 * sitemap lists them (astro.config.mjs). One that closes later is listed from the next build; its
 * page asks search engines to list it from the day it closes (src/server/consultations/results-page.tsx).
 * A consultation translated into Polish or Urdu has its results in that language too (/pl/…).
 */
export function closedResultsPaths(contentDir: string, now: Date): string[] {
  const folder = join(contentDir, 'consultations');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) => {
      const path = join(folder, file);
      const consultation = consultationFromYaml(readFileSync(path, 'utf8'), path);
      if (consultationStage(consultation, now) !== 'closed') return [];
      const slug = file.slice(0, -'.yaml'.length);
      const translated = TRANSLATED_LANGUAGES.filter((lang) =>
        existsSync(join(contentDir, 'translations', 'consultations', lang, file)),
      );
      return [resultsPath(slug), ...translated.map((lang) => resultsPath(slug, lang))];
    });
}
