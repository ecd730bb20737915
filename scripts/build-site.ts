import { build } from 'astro';
import { inlinePicturesInDist } from './inline-pictures.ts';
import { purgeDist } from './purge-css.ts';

/**
 * The site build inside `npm run build` (and so `npm start`): Astro's own build with its log at
 * "warn", so what a person sees is what they must act on, not a line per page (`npx astro build`
 * still lists them). Known, explained warnings are silenced where they arise (astro.config.mjs).
 * Then the Easy Read pictures are written into their pages (scripts/inline-pictures.ts) and the
 * stylesheets lose the rules nothing uses (scripts/purge-css.ts), before compression. The pages are
 * read once, by the first step, and handed on.
 * A public-sector site sends no build telemetry: ASTRO_TELEMETRY_DISABLED is set by the npm
 * scripts, and here too for anyone who runs this file directly.
 */
process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
const started = performance.now();
await build({ logLevel: 'warn' });
const html = inlinePicturesInDist('dist');
const { files: purged, folded } = await purgeDist('dist', process.cwd(), html);
const pages = html.size;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
// Sizes per kind of page: each stylesheet is purged once for each kind that links it.
const byTemplate = Map.groupBy(purged, (file) => file.template);
const sizes = [...byTemplate]
  .map(
    ([template, files]) =>
      `${template} ${kb(files.reduce((sum, file) => sum + file.bytesBefore, 0))} → ${kb(files.reduce((sum, file) => sum + file.bytesAfter, 0))}`,
  )
  .join(', ');
const folds = folded.map((fold) => `${fold.template} ${fold.members.length} in 1 on ${fold.pages} of ${fold.of} pages`);
process.stdout.write(
  `Site built into dist/: ${pages} pages in ${((performance.now() - started) / 1000).toFixed(1)} s; unused CSS out of the stylesheets each kind of page links (${sizes}); stylesheets folded (${folds.join(', ')})\n`,
);
