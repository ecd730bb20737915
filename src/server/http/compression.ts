import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { brotliCompressSync, constants, createBrotliCompress, createGzip, gzipSync } from 'node:zlib';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, MiddlewareHandler } from 'hono';
import { wholeBodyOf } from './whole-body.ts';

/**
 * Compression on the local Node server (Netlify's CDN compresses by itself). Built files are
 * compressed once, at build time (scripts/compress-dist.ts writes `file.br` and `file.gz` beside
 * each text file); function answers are compressed as they are sent. People on slow or metered
 * connections download about a tenth of the bytes for the same page.
 */

export type Encoding = 'br' | 'gzip';
/** The suffix the build gives each compressed copy. */
export const COPY_SUFFIX: Readonly<Record<Encoding, string>> = { br: '.br', gzip: '.gz' };
/** Text files worth compressing. Images, fonts and PDFs are compressed already; WebAssembly is admin-only. */
export const COMPRESSIBLE_FILE = /\.(?:html|css|js|mjs|json|svg|xml|txt|webmanifest|map|ics|csv)$/i;
/** Below this, the encoding's overhead and the extra header outweigh what is saved. */
export const MIN_COMPRESS_BYTES = 1024;

const PREFERENCE = ['br', 'gzip', 'identity'] as const;
type Coding = (typeof PREFERENCE)[number];
const Q_VALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * The codings an Accept-Encoding header accepts, best first (RFC 9110 §12.5.3): q-values honoured,
 * `*` standing for any coding not named, identity acceptable unless refused, br before gzip before
 * identity at equal q. No header means identity only, as most servers read it.
 */
export function acceptedEncodings(header: string | null | undefined): Coding[] {
  if (header === null || header === undefined) return ['identity'];
  const named = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='))?.slice(2) ?? '1';
    // A malformed q-value is ignored with its coding, rather than guessed at.
    if (!name || !Q_VALUE.test(q)) continue;
    named.set(name === 'x-gzip' && !named.has('gzip') ? 'gzip' : name, Number(q));
  }
  // Identity, unless named, comes after any coding the client asked for ("br;q=0.8" means "br, please").
  const qOf = (coding: Coding) => named.get(coding) ?? named.get('*') ?? (coding === 'identity' ? 0.0001 : 0);
  return PREFERENCE.filter((coding) => qOf(coding) > 0).sort((a, b) => qOf(b) - qOf(a));
}

/** The encoding to send, among those available; undefined for the file as it is. */
export function chooseEncoding(header: string | null | undefined, available: (encoding: Encoding) => boolean) {
  for (const coding of acceptedEncodings(header)) {
    if (coding === 'identity') return undefined;
    if (available(coding)) return coding;
  }
  // Nothing acceptable (identity;q=0 and no copy): the plain file beats an error page.
  return undefined;
}

const fileBody = (file: string) => Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;

const sizeOf = (file: string) => {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
};

/**
 * serveStatic, sending the build's compressed copy when the request accepts it, with the original's
 * Content-Type. Callers see the original file in onFound (its headers are worked out from it) and
 * the copies are never served under their own names (404), so nobody downloads one as an unknown type.
 */
export function servePrecompressed(options: {
  root: string;
  onFound: (path: string, c: Context) => void;
}): MiddlewareHandler {
  const found = new WeakMap<Request, string>();
  const serve = serveStatic({
    root: options.root,
    onFound: (path, c) => {
      found.set(c.req.raw, path);
      options.onFound(path, c);
    },
  });
  return async (c, next) => {
    if (/\.(?:br|gz)$/.test(c.req.path) && sizeOf(`${options.root}${c.req.path.slice(0, -3)}`) !== undefined) {
      return next();
    }
    const served = await serve(c, next);
    if (served instanceof Response) c.res = served;
    const path = found.get(c.req.raw);
    if (path === undefined || !COMPRESSIBLE_FILE.test(path)) return;
    // Caches must keep one answer per encoding, also when this one went out as it is.
    c.header('Vary', 'Accept-Encoding', { append: true });
    // Ranges are served from the file as it is (their offsets count its bytes).
    if (c.res.status !== 200 || c.res.headers.has('Content-Encoding')) return;
    // Looked up on every request, so a rebuild while the server runs is served correctly.
    const copy = (encoding: Encoding) => `${path}${COPY_SUFFIX[encoding]}`;
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'), (e) => sizeOf(copy(e)) !== undefined);
    const size = encoding && sizeOf(copy(encoding));
    if (encoding === undefined || size === undefined) return;
    c.header('Content-Encoding', encoding);
    c.header('Content-Length', String(size));
    await c.res.body?.cancel(); // closes the original, which serveStatic has opened
    c.res = new Response(c.req.method === 'HEAD' ? null : fileBody(copy(encoding)), c.res);
  };
}

/** Text worth compressing; an event stream is left alone, so each event reaches the reader as it comes. */
const TEXT_TYPE =
  /^\s*(?:text\/(?!event-stream)|application\/(?:json|javascript|xml|manifest\+json)\b|image\/svg\+xml|[^;\s]+\+(?:json|xml)\b)/i;
/**
 * On the fly, a page costs a few tenths of a millisecond: brotli 5 is 6–9 % smaller than gzip 6 on
 * the site's pages for about twice gzip's time; brotli 4 is no smaller than gzip 6 (docs/benchmarks.md).
 */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };
const GZIP = { level: 6 };
const compressor = {
  br: () => createBrotliCompress(BROTLI),
  gzip: () => createGzip(GZIP),
};
/**
 * The same settings for a body already whole, in one call on this thread: for a page of a few
 * kilobytes this is about 0.07 ms, where the thread pool's version took twice the CPU and the
 * chained streams more again (measured on the contact form's confirmation page).
 */
const compressWhole: Record<Encoding, (whole: Buffer) => Buffer<ArrayBuffer>> = {
  br: (whole) => brotliCompressSync(whole, BROTLI) as Buffer<ArrayBuffer>,
  gzip: (whole) => gzipSync(whole, GZIP) as Buffer<ArrayBuffer>,
};
// A sync flush sends what is compressed so far without resetting the dictionary (a full flush would).
const FLUSH = { br: constants.BROTLI_OPERATION_FLUSH, gzip: constants.Z_SYNC_FLUSH };

/**
 * A function's answer, compressed if the client accepts it and it is text of 1 KB or more. Status,
 * headers and every Set-Cookie stay as they are. Only the first kilobyte is read before deciding,
 * and a body that arrives in parts is still sent in parts: what has come is flushed whenever the
 * source pauses, so a slow stream is not held back until the compressor's buffer fills.
 */
export async function compressResponse(request: Request, response: Response): Promise<Response> {
  const headers = response.headers;
  const declared = headers.get('Content-Length');
  if (
    request.method === 'HEAD' ||
    [204, 206, 304].includes(response.status) ||
    headers.has('Content-Encoding') ||
    /\bno-transform\b/i.test(headers.get('Cache-Control') ?? '') ||
    !TEXT_TYPE.test(headers.get('Content-Type') ?? '') ||
    (declared !== null && Number(declared) < MIN_COMPRESS_BYTES)
  ) {
    return response;
  }
  // Asked before the body: reading `body` makes the response read its text back as a stream.
  const whole = wholeBodyOf(response);
  if (whole !== undefined) return compressWholeBody(request, response, Buffer.from(whole));
  if (response.body === null) return response;
  const reader = response.body.getReader();
  const head: Uint8Array[] = [];
  let length = 0;
  while (length < MIN_COMPRESS_BYTES) {
    const chunk = await reader.read();
    if (chunk.done) return new Response(Buffer.concat(head), response); // too small to be worth it
    head.push(chunk.value);
    length += chunk.value.byteLength;
  }
  // A page made in memory has all of its body by now; a streamed one (a CSV export) has not.
  const next = reader.read();
  const ended = await Promise.race([next, new Promise<undefined>((later) => setImmediate(() => later(undefined)))]);
  if (ended?.done) return compressWholeBody(request, response, Buffer.concat(head));
  const { init, encoding } = answerFor(request, response);
  const body = rejoin(head, next, reader);
  if (encoding === undefined) return new Response(body, init);
  markEncoded(init.headers, encoding);
  init.headers.delete('Content-Length');
  return new Response(compress(body, encoding), init);
}

/** The answer's status and headers (varying by Accept-Encoding), and the encoding to send. */
function answerFor(request: Request, response: Response) {
  const init = { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) };
  init.headers.append('Vary', 'Accept-Encoding');
  return { init, encoding: chooseEncoding(request.headers.get('Accept-Encoding'), () => true) };
}

/** A body that is all here, compressed in one call (or sent as it is when too small to be worth it). */
function compressWholeBody(request: Request, response: Response, whole: Buffer<ArrayBuffer>): Response {
  if (whole.byteLength < MIN_COMPRESS_BYTES) return new Response(whole, response);
  const { init, encoding } = answerFor(request, response);
  if (encoding === undefined) return new Response(whole, init);
  markEncoded(init.headers, encoding);
  const compressed = compressWhole[encoding](whole);
  init.headers.set('Content-Length', String(compressed.byteLength));
  return new Response(compressed, init);
}

function markEncoded(headers: Headers, encoding: Encoding): void {
  headers.set('Content-Encoding', encoding);
  const etag = headers.get('ETag');
  if (etag?.startsWith('"')) headers.set('ETag', `W/${etag}`); // no longer the same bytes
}

/** The chunks already read, the read under way, then the rest of the body. */
function rejoin(
  head: Uint8Array[],
  pending: Promise<ReadableStreamReadResult<Uint8Array>>,
  rest: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStream<Uint8Array> {
  let waiting: Promise<ReadableStreamReadResult<Uint8Array>> | undefined = pending;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let next = head.shift();
      if (next === undefined) {
        const read = waiting ?? rest.read();
        waiting = undefined;
        next = (await read).value;
      }
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
    cancel: (reason) => rest.cancel(reason),
  });
}

function compress(body: ReadableStream<Uint8Array>, encoding: Encoding): ReadableStream<Uint8Array> {
  const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
  const zip = compressor[encoding]();
  let idle: NodeJS.Immediate | undefined;
  source.on('data', () => {
    clearImmediate(idle);
    idle = setImmediate(() => zip.flush(FLUSH[encoding]));
  });
  source.once('close', () => clearImmediate(idle));
  // An error on either side ends both; the client sees a cut-off body, as it would without compression.
  pipeline(source, zip).catch(() => {});
  return Readable.toWeb(zip) as ReadableStream<Uint8Array>;
}
