import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCmsConfig, serialiseCmsConfig } from './cms-config.ts';

/**
 * `npm run cms:config`: regenerates config.generated.json from the schemas. Run it after changing
 * a schema in src/schemas and commit the result; the unit tests fail until the two agree.
 */
export const generatedConfigPath = fileURLToPath(new URL('./config.generated.json', import.meta.url));

/** Writes the config if it changed; returns whether it did. */
export function writeCmsConfig(path = generatedConfigPath): boolean {
  const next = serialiseCmsConfig(buildCmsConfig());
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // No file yet: write it.
  }
  if (current === next) return false;
  writeFileSync(path, next);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const changed = writeCmsConfig();
  process.stdout.write(`${changed ? 'Updated' : 'Unchanged:'} ${generatedConfigPath}\n`);
}
