import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import { load } from 'js-yaml';
import type { ContentType } from './collections.ts';

/**
 * Reads content files exactly as Astro's glob loader does: front matter through Astro's own
 * parseFrontmatter (js-yaml, YAML 1.1, so 2026-11-22 becomes a Date) and data files through
 * js-yaml. Checking with another YAML parser could pass a file the build then rejects.
 * Both packages come with Astro (its internal helpers); this is the one module that imports them.
 */

/** One content file, read: its data, its Markdown body (empty for YAML) and where it is. */
export interface ContentFile {
  /** The collection it belongs to. */
  type: ContentType;
  /** The path shown in messages, relative to the repository root, e.g. content/faqs/x.md. */
  file: string;
  /** The entry's id as Astro and Decap know it: the file name without its extension. */
  slug: string;
  data: unknown;
  body: string;
  /** The file's line number of the body's first line (after the front matter), for messages. */
  bodyLine: number;
}

/** A file that is missing or whose YAML cannot be read at all. */
export class ContentFileError extends Error {
  override name = 'ContentFileError';
  readonly file: string;
  /** What to fix, without the file name. */
  readonly reason: string;
  constructor(file: string, reason: string, options: { cause: unknown }) {
    super(`${file}: ${reason}`, options);
    this.file = file;
    this.reason = reason;
  }
}

function reasonFor(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT')
    return 'The file is missing: the site needs it';
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return `The YAML cannot be read (${detail}). Check the indentation and quote marks`;
}

/** Maps a type's folder (content/faqs) into the content folder being checked (CONTENT_DIR). */
function resolve(root: string, contentDir: string, path: string): string {
  return resolvePath(root, path.replace(/^content(?=\/|$)/, contentDir));
}

function listFiles(dir: string, extension: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith(extension))
      .sort();
  } catch {
    return [];
  }
}

function readOne(type: ContentType, path: string, root: string): ContentFile {
  const file = relative(root, path);
  const slug = (path.split('/').pop() ?? '').replace(/\.(md|ya?ml)$/, '');
  try {
    const text = readFileSync(path, 'utf8');
    if (type.source.kind === 'markdown') {
      const { frontmatter, content } = parseFrontmatter(text);
      const bodyLine = text.slice(0, text.length - content.length).split('\n').length;
      return { type, file, slug, data: frontmatter, body: content, bodyLine };
    }
    return { type, file, slug, data: load(text), body: '', bodyLine: 1 };
  } catch (error) {
    throw new ContentFileError(file, reasonFor(error), { cause: error });
  }
}

/**
 * Every file of a content type: those read, and those whose YAML cannot be read (kept apart, so
 * one broken file does not hide the others). `contentDir` replaces the leading "content" folder.
 */
export function readContentFiles(
  type: ContentType,
  root: string,
  contentDir = 'content',
): { files: ContentFile[]; unreadable: ContentFileError[] } {
  const { source } = type;
  const dir = source.kind === 'file' ? '' : resolve(root, contentDir, source.folder);
  const paths =
    source.kind === 'file'
      ? [resolve(root, contentDir, source.file)]
      : listFiles(dir, source.kind === 'markdown' ? '.md' : '.yaml').map((name) => join(dir, name));
  const files: ContentFile[] = [];
  const unreadable: ContentFileError[] = [];
  for (const path of paths) {
    try {
      files.push(readOne(type, path, root));
    } catch (error) {
      if (!(error instanceof ContentFileError)) throw error;
      unreadable.push(error);
    }
  }
  return { files, unreadable };
}
