import { getEntry } from 'astro:content';
import type { SettingsData } from '../schemas/settings.ts';

/**
 * The site-wide settings entry (content/settings/site.yaml). A missing file is a build error
 * with a plain message rather than pages silently rendered without contact details.
 */
export async function getSettings(): Promise<SettingsData> {
  const entry = await getEntry('settings', 'site');
  if (!entry) throw new Error('content/settings/site.yaml is missing: the site needs its scheme name and contacts');
  return entry.data;
}
