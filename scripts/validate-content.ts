import { describeLaunchItems } from '../src/admin/launch-check/describe.ts';
import { exampleKinds, runLaunchCheck } from '../src/admin/launch-check/index.ts';
import { contentWarnings, describeProblem, validateContent } from '../src/admin/validate-content.ts';
import { runningOn } from '../src/server/env.ts';

/**
 * `npm run content:check`, and the first step of `npm run build`: checks every content file
 * against its schema and stops the build with one line per problem (file: field: what to fix).
 * Warnings (absolute claims about data, for a legal review) go to standard output and do not
 * stop the build. CONTENT_DIR checks another copy of the content, as the build does.
 *
 * A production build (NODE_ENV=production, or on a platform such as Netlify) also refuses made-up
 * content (entries marked example, .example addresses, Ofcom drama numbers, the made-up processor),
 * so a live site never sends people to a number nobody answers, unless ALLOW_EXAMPLE_CONTENT=1 says
 * it is a demonstration; the site then shows a banner (src/components/ExampleContentBanner.astro).
 */
const contentDir = process.env['CONTENT_DIR'] ?? 'content';
const warnings = contentWarnings(process.cwd(), contentDir);
if (warnings.length > 0) {
  process.stdout.write(`${warnings.map((w) => `Warning: ${describeProblem(w)}`).join('\n')}\n`);
  process.stdout.write(
    `${warnings.length} absolute claim${warnings.length === 1 ? '' : 's'} about data to check (see docs/cms.md, "Absolute claims").\n\n`,
  );
}
const problems = validateContent(process.cwd(), contentDir);
if (problems.length > 0) {
  process.stderr.write(`${problems.map(describeProblem).join('\n')}\n`);
  process.stderr.write(
    `\n${problems.length} problem${problems.length === 1 ? '' : 's'} in the content. Fix them and build again.\n`,
  );
  process.exit(1);
}
const production = process.env['NODE_ENV'] === 'production' || runningOn(process.env) !== undefined;
if (production && process.env['ALLOW_EXAMPLE_CONTENT'] !== '1') {
  const examples = runLaunchCheck(process.cwd(), contentDir).items.filter((item) => exampleKinds.includes(item.kind));
  if (examples.length > 0) {
    process.stderr.write(`${describeLaunchItems(examples)}\n\n`);
    process.stderr.write(
      'This is a production build, and the content above is made up. Replace it (npm run launch-check lists everything), or set ALLOW_EXAMPLE_CONTENT=1 to publish a demonstration site with a banner saying so.\n',
    );
    process.exit(1);
  }
}
process.stdout.write('Content check: every file matches its schema.\n');
