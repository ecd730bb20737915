import { parse } from 'yaml';
import type { z } from 'zod';
import { type ConsultationData, consultationSchema } from '../schemas/consultation.ts';
import {
  type ConsultationTranslationData,
  consultationTranslationSchema,
} from '../schemas/consultation-translation.ts';

/**
 * A consultation file's text as its checked definition: the one reading shared by the sitemap at
 * build time (src/utils/consultation-results-pages.ts, synchronous) and the functions
 * (src/server/consultations/definitions.ts, which imports this module on first use to keep the
 * YAML parser out of cold starts). Same parser, same schema and same error in both, so the
 * sitemap cannot list a results page whose consultation the function would refuse.
 */
function checked<T>(schema: z.ZodType<T>, what: string) {
  return (source: string, file: string): T => {
    const parsed = schema.safeParse(parse(source));
    if (!parsed.success) throw new Error(`The ${what} ${file} does not match its schema`, { cause: parsed.error });
    return parsed.data;
  };
}

/** content/consultations/<slug>.yaml, checked with the schema the site build uses. */
export const consultationFromYaml = checked<ConsultationData>(consultationSchema(), 'consultation');

/** content/translations/consultations/<language>/<slug>.yaml, checked the same way. */
export const consultationTranslationFromYaml = checked<ConsultationTranslationData>(
  consultationTranslationSchema(),
  'consultation translation',
);
