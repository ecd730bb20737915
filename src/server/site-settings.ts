import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { type SettingsData, settingsSchema } from '../schemas/settings.ts';

/**
 * The comms team's settings (content/settings/site.yaml), read by the functions with the same
 * schema the site build uses, so an email and a web page never disagree about a phone number.
 * The folder is CONTENT_DIR, from the working directory (the repository locally, the bundle's own
 * folder on a platform): never a path worked out from this source file, which a bundler moves.
 */
export async function readSiteSettings(contentDir = './content'): Promise<SettingsData> {
  const file = resolve(contentDir, 'settings', 'site.yaml');
  try {
    return settingsSchema().parse(parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new Error(`The site settings in ${file} could not be read or are not valid`, { cause: error });
  }
}
