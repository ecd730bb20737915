import { contentTypes } from '../src/admin/collections.ts';
import { readContentFiles } from '../src/admin/content-files.ts';
import { consultationSourceHash } from '../src/domain/consultation-translation.ts';
import { sourceHash } from '../src/domain/source-hash.ts';
import { consultationSchema } from '../src/schemas/consultation.ts';

/**
 * Prints the fingerprint (sourceHash) of every English page and consultation, to copy into a
 * translation's front matter or file once it has been brought up to date with the English
 * (docs/languages.md).
 */
const contentDir = process.env['CONTENT_DIR'] ?? 'content';
const typeNamed = (name: string) => {
  const type = contentTypes.find((each) => each.name === name);
  if (!type) throw new Error(`The ${name} content type is missing from src/admin/collections.ts`);
  return type;
};
for (const file of readContentFiles(typeNamed('pages'), process.cwd(), contentDir).files) {
  const data = typeof file.data === 'object' && file.data !== null ? Object.fromEntries(Object.entries(file.data)) : {};
  const hash = sourceHash({ title: String(data['title']), description: String(data['description']), body: file.body });
  process.stdout.write(`${file.slug}: ${hash}\n`);
}
for (const file of readContentFiles(typeNamed('consultations'), process.cwd(), contentDir).files) {
  const parsed = consultationSchema().safeParse(file.data);
  const hash = parsed.success
    ? consultationSourceHash(parsed.data)
    : '(does not match its schema: npm run content:check)';
  process.stdout.write(`consultations/${file.slug}: ${hash}\n`);
}
