import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consultationFromYaml } from '../domain/consultation-file.ts';
import { consultationStage } from '../domain/consultations.ts';

/**
 * The results pages (/consultations/<slug>/results/, drawn by a function) of the consultations
 * closed on the day of the build: published figures, meant to be found like /transparency/, so the
 * sitemap lists them (astro.config.mjs). One that closes later is listed from the next build; its
 * page asks search engines to list it from the day it closes (src/server/consultations/results-page.tsx).
 */
export function closedResultsPaths(contentDir: string, now: Date): string[] {
  const folder = join(contentDir, 'consultations');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) => {
      const path = join(folder, file);
      const consultation = consultationFromYaml(readFileSync(path, 'utf8'), path);
      return consultationStage(consultation, now) === 'closed' ? [`/consultations/${file.slice(0, -5)}/results/`] : [];
    });
}
