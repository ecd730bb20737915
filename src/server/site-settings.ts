import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { type SettingsData, settingsSchema } from '../schemas/settings.ts';

/**
 * The comms team's settings (content/settings/site.yaml), read by the functions with the same
 * schema the site build uses, so an email and a web page never disagree about a phone number.
 */
export async function readSiteSettings(
  contentDir = resolve(import.meta.dirname, '../../content'),
): Promise<SettingsData> {
  const file = resolve(contentDir, 'settings', 'site.yaml');
  try {
    return settingsSchema().parse(parse(await readFile(file, 'utf8')));
  } catch (error) {
    throw new Error(`The site settings in ${file} could not be read or are not valid`, { cause: error });
  }
}
