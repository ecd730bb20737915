import { DEFAULT_LANGUAGE, type Language } from '../i18n/languages.ts';
import { pathIn } from '../utils/language-paths.ts';

/**
 * A consultation's results page (drawn by the resident-submission function) in a language:
 * /consultations/<slug>/results/, or /pl/… and /ur/… for its translation. Apart from
 * consultations.ts, which the answer form's island imports, so the browser does not load this.
 */
export const resultsPath = (slug: string, lang: Language = DEFAULT_LANGUAGE) =>
  pathIn(lang, `/consultations/${slug}/results/`);
