import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type FunctionModule, toFunctionModule } from './function-module.ts';

/**
 * The functions/ folder, from the working directory (the app's folder, where `npm run serve` and
 * the tests run), as STATIC_DIR and CONTENT_DIR are: never counted up from this source file. Only
 * the local Node server loads it; on Netlify each function is its own bundle.
 */
export const functionsDir = resolve('functions');

/** Loads every handler in functions/ (one file per endpoint, as Netlify deploys them). */
export async function loadFunctions(dir = functionsDir): Promise<FunctionModule[]> {
  const files = (await readdir(dir)).filter((file) => /\.(ts|tsx|mts)$/.test(file) && !file.endsWith('.d.ts'));
  const modules = await Promise.all(
    files.sort().map(async (file) => {
      const exports = (await import(pathToFileURL(resolve(dir, file)).href)) as Record<string, unknown>;
      return toFunctionModule(file.replace(/\.\w+$/, ''), exports);
    }),
  );
  return modules;
}
