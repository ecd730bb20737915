import { describeLaunchItems } from '../src/admin/launch-check/describe.ts';
import { runLaunchCheck } from '../src/admin/launch-check/index.ts';
import { t } from '../src/i18n/t.ts';

/**
 * `npm run launch-check`: lists everything the comms team must replace or check before the site
 * goes live (made-up entries, .example addresses, Ofcom drama numbers, the made-up processor,
 * controllers without real contacts, the DPIA link, overdue reviews, missing legal reviews) and
 * exits 1 while anything is left. CONTENT_DIR checks another copy of the content.
 */
const report = runLaunchCheck(process.cwd(), process.env['CONTENT_DIR'] ?? 'content');
if (report.items.length > 0) {
  process.stdout.write(`${describeLaunchItems(report.items)}\n\n`);
  process.stdout.write(`${t('launchCheck.left', { count: report.items.length })}.\n`);
  process.exit(1);
}
process.stdout.write(`${t('launchCheck.ready')}\n`);
