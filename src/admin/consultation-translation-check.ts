import { isConsultationSlug } from '../domain/consultations.ts';
import { consultationSchema } from '../schemas/consultation.ts';
import { consultationTranslationProblems, consultationTranslationSchema } from '../schemas/consultation-translation.ts';
import type { ContentFile } from './content-files.ts';

/**
 * A consultation's translation against its English file (content/translations/consultations/<language>/
 * <slug>.yaml against content/consultations/<slug>.yaml): the English must exist, and every question
 * and option must match it (consultationTranslationProblems). A file that fails its own schema is
 * reported by the schema check, so it is skipped here.
 */
export function consultationTranslationFileProblems(entries: ContentFile[]) {
  const problems: { file: string; field: string; message: string }[] = [];
  for (const entry of entries) {
    if (entry.type.name !== 'consultationTranslations') continue;
    const translation = consultationTranslationSchema().safeParse(entry.data);
    if (!translation.success) continue;
    const file = entries.find((other) => other.type.name === 'consultations' && other.slug === entry.slug);
    if (!file) {
      problems.push({
        file: entry.file,
        field: '(whole entry)',
        message: `There is no consultation content/consultations/${entry.slug}.yaml to translate: name the file after an English consultation`,
      });
      continue;
    }
    const english = consultationSchema().safeParse(file.data);
    if (!english.success) continue;
    for (const problem of consultationTranslationProblems(translation.data, english.data))
      problems.push({ file: entry.file, ...problem });
  }
  return problems;
}

/**
 * A consultation's file name is its web address (/consultations/<name>/) and the key its answers
 * are stored under. The functions answer and count only names that pass isConsultationSlug, so a
 * name they would refuse (capitals, spaces, a double hyphen, over 100 characters) would build a
 * page whose answers are turned away: it is stopped here, with its translations.
 */
export function consultationFileNameProblems(entries: ContentFile[]) {
  return entries
    .filter((entry) => ['consultations', 'consultationTranslations'].includes(entry.type.name))
    .filter((entry) => !isConsultationSlug(entry.slug))
    .map((entry) => ({
      file: entry.file,
      field: '(file name)',
      message:
        "A consultation's file name is its web address: use only small letters, numbers and single hyphens between words, up to 100 characters (for example residents-survey-2027.yaml)",
    }));
}
