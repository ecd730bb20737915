import type { APIRoute } from 'astro';
import { runLaunchCheck } from '../../admin/launch-check/index.ts';

/**
 * The launch check as the build found it, for the staff page (src/server/staff/launch-check/).
 * Written here, beside the staff shell, because a function bundle holds only the settings, not
 * every content file; it names files and placeholders, never personal data.
 */
export const GET: APIRoute = () =>
  new Response(`${JSON.stringify(runLaunchCheck(process.cwd(), process.env['CONTENT_DIR'] ?? 'content'), null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
