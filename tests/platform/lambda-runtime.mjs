// A stand-in for the AWS Lambda Node.js runtime that Netlify runs functions on, for one bundle
// written by Netlify's bundler. Plain JavaScript with no imports outside Node itself, because it
// runs inside the bundle's own process under Node's permission model, which lets it read only the
// bundle's folder and this file: a function that reads a repository path at run time fails.
//
// What it does, as the platform does:
// - loads `___netlify-entry-point.mjs` (the bundler's entry) and takes its `handler`: Netlify's
//   bootstrap, which needs the runtime's `awslambda` global (streamifyResponse and
//   HttpResponseStream, the Lambda response-streaming API) — provided here;
// - serves HTTP on loopback: each request becomes the event Netlify's proxy sends (rawUrl,
//   httpMethod, headers, base64 body, the matched route for context.params), and the streamed
//   answer (a JSON prelude with statusCode and multiValueHeaders, then the body) becomes the reply.
// It prints one JSON line when ready: { port, importMs, rssBefore, rssAfter, heapAfter }.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

const [bundleDir, entryFilename = '___netlify-entry-point.mjs'] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'));
if (!bundleDir) throw new Error('usage: lambda-runtime.mjs <bundle folder> [entry file]');

globalThis.awslambda = {
  streamifyResponse: (handler) => handler,
  HttpResponseStream: {
    from(stream, prelude) {
      stream.prelude = prelude;
      return stream;
    },
  },
};

/** The response stream Lambda gives a streaming handler: collects the prelude and the body. */
function responseStream() {
  const chunks = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  const finished = new Promise((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  return { stream, chunks, finished };
}

const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const entry = await import(pathToFileURL(`${bundleDir}/${entryFilename}`).href);
if (typeof entry.handler !== 'function') throw new Error(`${entryFilename} exports no handler`);
// The bootstrap imports the function's own module on the first request. With --import-function
// it is imported now instead (the same module the bootstrap will then find loaded), so its
// import time and memory can be measured apart from any request.
if (process.argv.includes('--import-function')) {
  const entrySource = await readFile(`${bundleDir}/${entryFilename}`, 'utf8');
  const functionPath = /getLambdaHandler\('([^']+)'\)/.exec(entrySource)?.[1];
  if (!functionPath) throw new Error(`${entryFilename} names no function module`);
  await import(pathToFileURL(`${bundleDir}/${functionPath}`).href);
}
const importMs = performance.now() - started;

const server = createServer(async (req, res) => {
  try {
    const body = [];
    for await (const chunk of req) body.push(chunk);
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (name === 'x-platform-route' || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const host = req.headers['x-forwarded-host'] ?? req.headers.host;
    const proto = req.headers['x-forwarded-proto'] ?? 'http';
    const event = {
      rawUrl: `${proto}://${host}${req.url}`,
      httpMethod: req.method,
      headers,
      body: body.length ? Buffer.concat(body).toString('base64') : '',
      isBase64Encoded: true,
      route: req.headers['x-platform-route'],
      flags: {},
    };
    const context = {
      awsRequestId: randomUUID(),
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      getRemainingTimeInMillis: () => 30_000,
      clientContext: { custom: {} },
      callbackWaitsForEmptyEventLoop: true,
    };
    const out = responseStream();
    // The answer goes back once the function has ended its stream, as Lambda streams it; work the
    // function left running (Netlify's context.waitUntil) goes on in this invocation afterwards.
    const handled = entry.handler(event, out.stream, context);
    handled.catch(() => {});
    await Promise.race([out.finished, handled.then(() => out.finished)]);
    const prelude = out.stream.prelude ?? { statusCode: 200 };
    for (const [name, values] of Object.entries(prelude.multiValueHeaders ?? {})) res.setHeader(name, values);
    for (const [name, value] of Object.entries(prelude.headers ?? {})) res.setHeader(name, value);
    res.writeHead(prelude.statusCode ?? 200);
    res.end(Buffer.concat(out.chunks));
  } catch (error) {
    // What Lambda reports for a function that threw: the platform answers 502.
    process.stderr.write(`${JSON.stringify({ runtimeError: String(error?.stack ?? error) })}\n`);
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('The function failed.');
  }
});
server.listen(0, '127.0.0.1', () => {
  const memory = process.memoryUsage();
  process.stdout.write(
    `${JSON.stringify({ port: server.address().port, importMs, rssBefore, rssAfter: memory.rss, heapAfter: memory.heapUsed })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
