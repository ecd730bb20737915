import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigurationError, type Env } from './env.ts';

/**
 * The files the functions read at run time, besides their code. Everything else they need is
 * imported, so the bundler puts it in the bundle. Each folder is a setting resolved from the
 * working directory: the repository locally, the bundle's own folder on a platform, where
 * netlify.toml's `included_files` puts these files at the same relative paths.
 */
export const RUNTIME_FILES = [
  { setting: 'CONTENT_DIR', file: 'settings/site.yaml', what: "the comms team's site settings" },
  { setting: 'STATIC_DIR', file: 'form-shell/index.html', what: 'the page shell for form answers' },
  { setting: 'STATIC_DIR', file: 'staff-shell/index.html', what: 'the page shell for staff pages' },
] as const satisfies readonly { setting: keyof Env; file: string; what: string }[];

/** The missing runtime files, each described with the setting and the netlify.toml line that would fix it. */
export function missingRuntimeFiles(env: Pick<Env, 'CONTENT_DIR' | 'STATIC_DIR'>): string[] {
  const problems: string[] = [];
  for (const { setting, file, what } of RUNTIME_FILES) {
    const path = resolve(env[setting], file);
    if (existsSync(path)) continue;
    const folder = env[setting].replace(/^\.\//, '').replace(/\/$/, '');
    problems.push(
      `${path} (${what}) is missing. Set ${setting} to the folder that holds ${file}; on Netlify, ` +
        `netlify.toml's [functions] included_files must list "${folder}/${file}" ` +
        '(and the site must be built before the functions are bundled).',
    );
  }
  return problems;
}

/** Stops start-up (the local server's, a function's on a platform), naming every missing file and the setting that fixes it. */
export function assertRuntimeFiles(env: Pick<Env, 'CONTENT_DIR' | 'STATIC_DIR'>): void {
  const problems = missingRuntimeFiles(env);
  if (problems.length) throw new ConfigurationError(problems);
}
