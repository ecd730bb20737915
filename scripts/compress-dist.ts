import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { COMPRESSIBLE_FILE, COPY_SUFFIX, type Encoding, MIN_COMPRESS_BYTES } from '../src/server/http/compression.ts';

/**
 * The last step of `npm run build`: writes `file.br` (Brotli, quality 11) and `file.gz` (gzip,
 * level 9) beside every text file of 1 KB or more in the built site, for the local Node server to
 * send (src/server/http/compression.ts). Netlify compresses on its CDN, so there they are unused.
 * A copy that would not be smaller is not written; a stale one is removed. Running it again gives
 * the same files. Compression runs on libuv's thread pool, a file per core at a time, no workers.
 *
 * Usage: node --import tsx scripts/compress-dist.ts [folder, default ./dist]
 */
const dir = resolve(process.argv[2] ?? 'dist');
const compressors: Record<Encoding, (bytes: Buffer) => Promise<Buffer>> = {
  br: (bytes) =>
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  gzip: (bytes) => promisify(gzip)(bytes, { level: constants.Z_BEST_COMPRESSION }),
};

const started = performance.now();
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((name) => COMPRESSIBLE_FILE.test(name))
  .map((name) => join(dir, name))
  .filter((file) => statSync(file).isFile());
const totals = { compressed: 0, small: 0, original: 0, br: 0, gzip: 0 };

async function compressFile(file: string): Promise<void> {
  const bytes = readFileSync(file);
  const small = bytes.length < MIN_COMPRESS_BYTES;
  totals[small ? 'small' : 'compressed'] += 1;
  if (!small) totals.original += bytes.length;
  for (const encoding of ['br', 'gzip'] as const) {
    const copy = `${file}${COPY_SUFFIX[encoding]}`;
    const packed = small ? undefined : await compressors[encoding](bytes);
    if (packed === undefined || packed.length >= bytes.length) {
      rmSync(copy, { force: true }); // the server then sends the file as it is
      if (!small) totals[encoding] += bytes.length;
      continue;
    }
    writeFileSync(copy, packed);
    totals[encoding] += packed.length;
  }
}

// Largest first, so the two or three big scripts do not finish last on one core.
const queue = files.sort((a, b) => statSync(b).size - statSync(a).size);
await Promise.all(
  Array.from({ length: availableParallelism() }, async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) await compressFile(file);
  }),
);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
process.stdout.write(
  `Compressed ${totals.compressed} files in ${relative(process.cwd(), dir) || '.'} (${kb(totals.original)} → br ${kb(totals.br)}, gzip ${kb(totals.gzip)}; ${totals.small} under ${kb(MIN_COMPRESS_BYTES)} left as they are) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
