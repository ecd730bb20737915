import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type SettingsData, settingsSchema } from '../schemas/settings.ts';

/**
 * The comms team's settings (content/settings/site.yaml), read by the functions with the same
 * schema the site build uses, so an email and a web page never disagree about a phone number.
 * The folder is CONTENT_DIR, from the working directory (the repository locally, the bundle's own
 * folder on a platform): never a path worked out from this source file, which a bundler moves.
 *
 * The YAML parser is imported here, on the first read, not when a function's module loads: its
 * 72 CommonJS files are 162 KB of each bundled function, and set up at import they added to every
 * cold start (issue 13's import target). The first read runs beside the database connection
 * (openServices), so a cold request hardly waits for it. A literal import, so it stays bundled.
 */
export async function readSiteSettings(contentDir = './content'): Promise<SettingsData> {
  const file = resolve(contentDir, 'settings', 'site.yaml');
  try {
    const { parse } = await import('yaml');
    return settingsSchema().parse(parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new Error(`The site settings in ${file} could not be read or are not valid`, { cause: error });
  }
}
