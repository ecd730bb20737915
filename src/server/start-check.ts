import { loadEnv, runningOn } from './env.ts';
import { assertRuntimeFiles } from './runtime-files.ts';

/**
 * Imported first by every file in functions/. On a serverless platform it checks the settings
 * and the runtime files when the bundle loads (the cold start), so a misconfigured deployment
 * fails there, with a message naming the setting or file, instead of answering residents with
 * "Nothing was recorded". The local server makes the same checks in openServices at start-up.
 */
export function checkAtStart(source: Record<string, string | undefined> = process.env): void {
  if (!runningOn(source)) return;
  assertRuntimeFiles(loadEnv(source));
}

checkAtStart();
