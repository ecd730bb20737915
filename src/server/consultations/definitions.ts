import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONSULTATION_SLUG } from '../../domain/consultations.ts';
import { type ConsultationData, consultationSchema } from '../../schemas/consultation.ts';

/** The file a consultation's address names, in the comms team's content folder. */
export const consultationFile = (contentDir: string, slug: string) =>
  resolve(contentDir, 'consultations', `${slug}.yaml`);

const cache = new Map<string, Promise<ConsultationData | undefined>>();

/**
 * A consultation as the comms team wrote it (content/consultations/<slug>.yaml), checked with the
 * schema the site build uses, so the function accepts exactly the questions the page shows. Read
 * from CONTENT_DIR (netlify.toml's included_files carries the folder), once per process: the
 * content changes only with a new deploy. Undefined for an address that is not a consultation;
 * the address is checked against CONSULTATION_SLUG first, so no other file can be named.
 */
export function readConsultation(contentDir: string, slug: string): Promise<ConsultationData | undefined> {
  if (!CONSULTATION_SLUG.test(slug) || slug.length > 100) return Promise.resolve(undefined);
  const file = consultationFile(contentDir, slug);
  let read = cache.get(file);
  if (!read) {
    read = load(file);
    cache.set(file, read);
    // A failed read (a disk error) is not kept: the next request tries again.
    read.catch(() => cache.delete(file));
  }
  return read;
}

async function load(file: string): Promise<ConsultationData | undefined> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new Error(`The consultation ${file} could not be read`, { cause: error });
  }
  // Imported on first use, as site-settings.ts does, to keep the parser out of cold starts.
  const { parse } = await import('yaml');
  const parsed = consultationSchema().safeParse(parse(source));
  if (!parsed.success) throw new Error(`The consultation ${file} does not match its schema`, { cause: parsed.error });
  return parsed.data;
}
