import { describeProblem, validateContent } from '../src/admin/validate-content.ts';

/**
 * `npm run content:check`, and the first step of `npm run build`: checks every content file
 * against its schema and stops the build with one line per problem (file: field: what to fix).
 * CONTENT_DIR checks another copy of the content, as the build does.
 */
const problems = validateContent(process.cwd(), process.env['CONTENT_DIR'] ?? 'content');
if (problems.length > 0) {
  process.stderr.write(`${problems.map(describeProblem).join('\n')}\n`);
  process.stderr.write(
    `\n${problems.length} problem${problems.length === 1 ? '' : 's'} in the content. Fix them and build again.\n`,
  );
  process.exit(1);
}
process.stdout.write('Content check: every file matches its schema.\n');
