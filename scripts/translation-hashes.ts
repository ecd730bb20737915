import { contentTypes } from '../src/admin/collections.ts';
import { readContentFiles } from '../src/admin/content-files.ts';
import { sourceHash } from '../src/domain/source-hash.ts';

/**
 * Prints the fingerprint (sourceHash) of every English page, to copy into a translation's front
 * matter once it has been brought up to date with the English (docs/languages.md).
 */
const pages = contentTypes.find((type) => type.name === 'pages');
if (!pages) throw new Error('The pages content type is missing from src/admin/collections.ts');
for (const file of readContentFiles(pages, process.cwd(), process.env['CONTENT_DIR'] ?? 'content').files) {
  const data = typeof file.data === 'object' && file.data !== null ? Object.fromEntries(Object.entries(file.data)) : {};
  const hash = sourceHash({ title: String(data['title']), description: String(data['description']), body: file.body });
  process.stdout.write(`${file.slug}: ${hash}\n`);
}
