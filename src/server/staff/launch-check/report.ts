import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { launchItemKinds } from '../../../admin/launch-check/kinds.ts';

/**
 * The launch check the site build wrote (src/pages/staff-shell/launch-check.json.ts), read from
 * STATIC_DIR like the staff shell. Checked with zod: it is a file on disk, not our memory.
 */
const reportSchema = z.object({
  checkedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  items: z.array(z.object({ kind: z.enum(launchItemKinds), file: z.string(), detail: z.string() })),
});
export type LaunchReport = z.infer<typeof reportSchema>;

/** The report, or undefined when the site has not been built with it (the page then says to build). */
export async function readLaunchReport(staticDir: string): Promise<LaunchReport | undefined> {
  let text: string;
  try {
    text = await readFile(resolve(staticDir, 'staff-shell', 'launch-check.json'), 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw new Error('Could not read the launch check the build wrote', { cause: error });
  }
  return reportSchema.parse(JSON.parse(text));
}
