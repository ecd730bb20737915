import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type ShownConsultation, translateConsultation } from '../../domain/consultation-translation.ts';
import { isConsultationSlug } from '../../domain/consultations.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../i18n/languages.ts';
import type { ConsultationData } from '../../schemas/consultation.ts';

/** The file a consultation's address names, in the comms team's content folder. */
export const consultationFile = (contentDir: string, slug: string) =>
  resolve(contentDir, 'consultations', `${slug}.yaml`);

/** A consultation's translation file: content/translations/consultations/<language>/<slug>.yaml. */
export const consultationTranslationFile = (contentDir: string, slug: string, lang: Language) =>
  resolve(contentDir, 'translations', 'consultations', lang, `${slug}.yaml`);

/**
 * The module that turns a file's text into its checked definition, the sitemap's too
 * (src/domain/consultation-file.ts). Imported on first use, as site-settings.ts does, to keep the
 * YAML parser out of cold starts; a literal import, so it stays bundled.
 */
const parsers = () => import('../../domain/consultation-file.ts');

/**
 * A reader of one kind of content file, checked with its schema, each file read once per process:
 * the content changes only with a new deploy. Undefined when the file does not exist. A failed read
 * (a disk error) is not kept: the next request tries again.
 */
function cachedReader<T>(parse: (source: string, file: string) => Promise<T>, what: string) {
  const cache = new Map<string, Promise<T | undefined>>();
  return (file: string): Promise<T | undefined> => {
    let read = cache.get(file);
    if (!read) {
      read = load(file, parse, what);
      cache.set(file, read);
      read.catch(() => cache.delete(file));
    }
    return read;
  };
}

async function load<T>(
  file: string,
  parse: (source: string, file: string) => Promise<T>,
  what: string,
): Promise<T | undefined> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new Error(`The ${what} ${file} could not be read`, { cause: error });
  }
  return parse(source, file);
}

const readEnglish = cachedReader(
  async (source, file) => (await parsers()).consultationFromYaml(source, file),
  'consultation',
);
const readTranslation = cachedReader(
  async (source, file) => (await parsers()).consultationTranslationFromYaml(source, file),
  'consultation translation',
);

/**
 * A consultation as the comms team wrote it (content/consultations/<slug>.yaml), checked with the
 * schema the site build uses, so the function accepts exactly the questions the page shows. Read
 * from CONTENT_DIR (netlify.toml's included_files carries the folder). Undefined for an address
 * that is not a consultation; the address is checked with isConsultationSlug first, so no other
 * file can be named.
 */
export function readConsultation(contentDir: string, slug: string): Promise<ConsultationData | undefined> {
  if (!isConsultationSlug(slug)) return Promise.resolve(undefined);
  return readEnglish(consultationFile(contentDir, slug));
}

/**
 * A consultation as a form in `lang` shows it (src/domain/consultation-translation.ts): the English
 * one with the translation's words when the file exists, as the page under /pl/ or /ur/ shows it,
 * so the no-JavaScript error page repeats the questions the resident read. English otherwise (no
 * translation yet: the page was the English one too). The content check has matched the two files.
 */
export async function shownConsultation(
  contentDir: string,
  slug: string,
  lang: Language,
  english: ConsultationData,
): Promise<ShownConsultation> {
  return (await translatedConsultation(contentDir, slug, lang, english)) ?? english;
}

/**
 * The consultation in `lang`'s words when content/translations/consultations/<lang>/<slug>.yaml
 * exists; undefined when it does not (or for English), so a page that must be in the language,
 * like the translated results page, can answer "not found" instead of showing English.
 */
export async function translatedConsultation(
  contentDir: string,
  slug: string,
  lang: Language,
  english: ConsultationData,
): Promise<ShownConsultation | undefined> {
  if (lang === DEFAULT_LANGUAGE || !isConsultationSlug(slug)) return undefined;
  const translation = await readTranslation(consultationTranslationFile(contentDir, slug, lang));
  return translation ? translateConsultation(english, translation) : undefined;
}
