import { migrateDatabase } from '../src/server/db/migrate.ts';
import { describeError } from '../src/server/log.ts';

/**
 * `npm run db:migrate`: applies the database migrations, a deploy step run before new functions
 * go live (docs/deploy.md). Uses MIGRATION_DATABASE_URL (a direct connection, since the advisory
 * lock belongs to one session) or else DATABASE_URL.
 * `--if-configured`: does nothing, successfully, when neither is set (the Netlify build command
 * runs it that way, so a build without a database still succeeds).
 */
const url = process.env['MIGRATION_DATABASE_URL'] || process.env['DATABASE_URL'];
if (!url) {
  if (process.argv.includes('--if-configured')) {
    process.stdout.write('db:migrate: no DATABASE_URL or MIGRATION_DATABASE_URL set, so no migrations were run.\n');
    process.exit(0);
  }
  process.stderr.write(
    'db:migrate needs DATABASE_URL (or MIGRATION_DATABASE_URL, a direct connection that bypasses any pooler).\n',
  );
  process.exit(1);
}
try {
  const { latest, applied } = await migrateDatabase(url);
  process.stdout.write(
    `db:migrate: ${applied === 0 ? 'the database was already up to date' : `${applied} migration${applied === 1 ? '' : 's'} applied`} (latest: ${latest}).\n`,
  );
} catch (error) {
  process.stderr.write(`db:migrate failed, and nothing was changed by the failed step: ${describeError(error)}\n`);
  process.exit(1);
}
