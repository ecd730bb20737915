import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { availableParallelism } from 'node:os';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { startSmtpSink } from '../../tests/support/smtp-sink.ts';
import { cpuMeter, postmasterPid } from './cpu.ts';
import { loadGet, printFigures } from './load.ts';
import {
  freePort,
  printStatements,
  type RunningServer,
  resetStatements,
  startConstantServer,
  startServer,
  statementsCounted,
  stopServer,
} from './server.ts';

/**
 * Residents' journeys as a browser without JavaScript makes them: form posts (URL-encoded, or
 * multipart with a file), the cookies the server sets, the hidden fields of the page it returns
 * and its redirects, sent from many clients at once. Each step's latency is kept apart, so the
 * send step (the one that stores the request) can be read on its own.
 */

/**
 * The load generator runs on the same two cores as the server it measures, so it must cost little.
 * With `fetch` it took 0.55 ms of CPU per contact post beside the server's 1.23 ms and PostgreSQL's
 * 0.41 ms (2026-12-07, quiet machine, CPU of each process over the measured window): a quarter of
 * the machine. Requests therefore go through node:http with kept-alive connections, as a browser
 * keeps them, with the headers `fetch` sent: Accept-Encoding "gzip, deflate" (what browsers send
 * over plain HTTP; the answer is decompressed here, as a browser would) and Accept-Language "*".
 * The same bench now costs 0.25 ms a post, the SMTP sink included.
 */
const agent = new Agent({ keepAlive: true });

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A form's body as a browser encodes it: URL-encoded, or multipart with its boundary. */
async function encodeBody(body: URLSearchParams | FormData): Promise<{ bytes: Buffer; type: string }> {
  if (body instanceof URLSearchParams) {
    return { bytes: Buffer.from(body.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  const encoded = new Response(body);
  return { bytes: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get('content-type') ?? '' };
}

function send(url: string, method: string, headers: Record<string, string>, body: Buffer | undefined) {
  return new Promise<Answer>((resolve, reject) => {
    const request = httpRequest(url, { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('close', () => {
        // A server killed mid-answer (the crash run) leaves the answer incomplete: not a page.
        if (!response.complete) reject(new Error('The connection closed before the answer was complete'));
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

const decode: Record<string, (bytes: Buffer) => Buffer> = {
  gzip: gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/** One browser: its cookies, the address it posts from, and the site it is on. */
export class Browser {
  private readonly cookies = new Map<string, string>();
  readonly baseUrl: string;
  private readonly clientAddress: string;
  constructor(baseUrl: string, clientAddress: string) {
    this.baseUrl = baseUrl;
    this.clientAddress = clientAddress;
  }

  /** A same-origin request, as a browser sends it (Origin and Sec-Fetch-Site on posts, the cookie jar). */
  async request(path: string, init: { method?: 'GET' | 'POST'; body?: URLSearchParams | FormData } = {}) {
    const headers: Record<string, string> = {
      // The bench starts the server with CLIENT_IP_HEADER set, as behind a proxy: one client per journey.
      'x-forwarded-for': this.clientAddress,
      accept: 'text/html',
      'accept-encoding': 'gzip, deflate',
      'accept-language': '*',
    };
    if (this.cookies.size > 0)
      headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.method === 'POST') {
      headers['origin'] = this.baseUrl;
      headers['sec-fetch-site'] = 'same-origin';
    }
    const body = init.body ? await encodeBody(init.body) : undefined;
    if (body) {
      headers['content-type'] = body.type;
      headers['content-length'] = String(body.bytes.length);
    }
    const response = await send(`${this.baseUrl}${path}`, init.method ?? 'GET', headers, body?.bytes);
    for (const cookie of response.headers['set-cookie'] ?? []) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const coding = response.headers['content-encoding'];
    const decoder = coding ? decode[coding] : undefined;
    if (coding && !decoder) throw new Error(`The server answered in an encoding not asked for: ${coding}`);
    const html = (decoder ? decoder(response.body) : response.body).toString('utf8');
    return { status: response.status, location: response.headers.location ?? null, html };
  }
}

/** The name="value" pairs of a page's hidden inputs, as a browser would post them back. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [input] of html.matchAll(/<input\b[^>]*>/g)) {
    if (!/\btype="hidden"/.test(input)) continue;
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    const value = /\bvalue="([^"]*)"/.exec(input)?.[1] ?? '';
    if (name) fields[name] = value.replaceAll('&amp;', '&').replaceAll('&quot;', '"');
  }
  return fields;
}

/** Fails the journey with what the server answered, so a broken step is never counted as done. */
export function expectStatus(step: string, answer: { status: number; html: string }, expected: number): void {
  if (answer.status !== expected) {
    const text = answer.html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(0, 200);
    throw new Error(`${step}: expected ${expected}, got ${answer.status}: ${text}`);
  }
}

/** A journey: the steps one resident takes; it returns the reference the last page showed. */
export type Journey = (n: number, step: <T>(name: string, run: () => Promise<T>) => Promise<T>) => Promise<string>;

export interface JourneyFigures {
  journeys: number;
  journeysPerSecond: number;
  failed: number;
  firstFailure: string | undefined;
  steps: Record<string, { p50: number; p99: number; count: number }>;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Runs the journey from `clients` residents at once for `seconds`, each starting a new one when done. */
export async function runJourneys(journey: Journey, options: { clients: number; seconds: number }) {
  const latencies = new Map<string, number[]>();
  let n = 0;
  let completed = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    const list = latencies.get(name) ?? [];
    list.push(performance.now() - started);
    latencies.set(name, list);
    return result;
  };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      try {
        await journey(n++, step);
        completed += 1;
      } catch (error) {
        failed += 1;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  const steps: JourneyFigures['steps'] = {};
  for (const [name, list] of latencies) {
    const sorted = list.sort((a, b) => a - b);
    steps[name] = {
      p50: Math.round(percentile(sorted, 0.5)),
      p99: Math.round(percentile(sorted, 0.99)),
      count: sorted.length,
    };
  }
  return { journeys: completed, journeysPerSecond: Math.round(completed / elapsed), failed, firstFailure, steps };
}

export function printJourneyFigures(label: string, figures: JourneyFigures, constantPerSecond?: number): void {
  const ratio = constantPerSecond
    ? `  (${((figures.journeysPerSecond / constantPerSecond) * 100).toFixed(1)} % of constant req/s)`
    : '';
  process.stdout.write(
    `${label}: ${figures.journeysPerSecond} journeys/s, ${figures.journeys} complete, ${figures.failed} failed${ratio}\n`,
  );
  for (const [name, step] of Object.entries(figures.steps)) {
    process.stdout.write(`  ${name.padEnd(28)} p50 ${step.p50} ms  p99 ${step.p99} ms  (${step.count})\n`);
  }
  if (figures.firstFailure) process.stdout.write(`  first failure: ${figures.firstFailure}\n`);
}

/**
 * CPU milliseconds per complete journey for each process, and the ceiling their sum puts on this
 * machine: its cores' milliseconds per second over the sum, if nothing else ran.
 */
function printCpuPerJourney(journeys: number, usedMs: Record<string, number | undefined>): void {
  if (journeys === 0) return;
  const parts = Object.entries(usedMs).filter((entry): entry is [string, number] => entry[1] !== undefined);
  const perJourney = parts.map(([name, used]) => [name, used / journeys] as const);
  const total = perJourney.reduce((sum, [, ms]) => sum + ms, 0);
  const cores = availableParallelism();
  process.stdout.write(
    `  CPU per journey: ${perJourney.map(([name, ms]) => `${name} ${ms.toFixed(2)} ms`).join(', ')}; ` +
      `${total.toFixed(2)} ms in all, so ${cores} cores can do at most ${Math.round((cores * 1000) / total)} journeys/s\n`,
  );
}

/**
 * Journeys flow while the server is SIGKILLed `kills` times; a reference counts as acknowledged
 * only once the page showing it arrived. Returns every acknowledged reference, for the caller to
 * check against the database (stored exactly once, emails queued).
 */
export async function crashJourneys(
  databaseUrl: string,
  journeyOn: (baseUrl: string) => Journey,
  options: { kills?: number; clients?: number } = {},
): Promise<{ references: string[]; refused: number }> {
  const port = await freePort();
  const acknowledged: string[] = [];
  let refused = 0;
  let n = 0;
  let server: RunningServer | undefined = await startServer({ port, databaseUrl });
  const journey = journeyOn(server.url);
  let running = true;
  const step = <T>(_name: string, run: () => Promise<T>) => run();
  const client = async () => {
    while (running) {
      try {
        acknowledged.push(await journey(n++, step));
      } catch {
        // Killed mid-journey (connection refused or reset) or a page without a reference:
        // nothing was promised to this resident.
        refused += 1;
        await new Promise((done) => setTimeout(done, 20));
      }
    }
  };
  const clients = Array.from({ length: options.clients ?? 8 }, client);
  for (let kill = 1; kill <= (options.kills ?? 5); kill += 1) {
    await new Promise((done) => setTimeout(done, 700 + Math.random() * 2300));
    const before = acknowledged.length;
    if (server) await stopServer(server, 'SIGKILL');
    process.stdout.write(`kill ${kill}: SIGKILL after ${before} acknowledged\n`);
    server = await startServer({ port, databaseUrl });
  }
  await new Promise((done) => setTimeout(done, 1000));
  running = false;
  await Promise.all(clients);
  if (server) await stopServer(server);
  return { references: acknowledged, refused };
}

/**
 * The measured part every journey bench shares: the constant handler (this machine's ceiling) in
 * the same run, then the journeys against the real server on this PostgreSQL, after a warm-up.
 */
export async function measureJourneys(
  label: string,
  databaseUrl: string,
  journeyOn: (baseUrl: string) => Journey,
  options: { clients: number; seconds: number; postgresDataDir?: string },
): Promise<JourneyFigures> {
  const constant = await startConstantServer(await freePort());
  const baseline = await loadGet(constant.url, {
    connections: options.clients,
    seconds: Math.min(options.seconds, 10),
  });
  await stopServer(constant);
  printFigures('constant-response handler', baseline);
  // As deployed: NODE_ENV=production (React's production build renders the pages, the production
  // checks on settings apply), with its emails sent over SMTP to a sink on this machine. Until
  // 2026-12-07 the measured server ran with NODE_ENV=test, React's development build.
  const port = await freePort();
  const sink = await startSmtpSink();
  const server = await startServer({
    port,
    databaseUrl,
    env: {
      NODE_ENV: 'production',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: sink.url,
      OUTBOX_INTERVAL_MS: '1000',
    },
  });
  try {
    await runJourneys(journeyOn(server.url), { clients: 10, seconds: 2 }); // warm-up
    const serverCpu = cpuMeter([server.process.pid ?? 0]);
    const postgresCpu = options.postgresDataDir ? cpuMeter([postmasterPid(options.postgresDataDir)]) : undefined;
    if (statementsCounted()) await resetStatements(databaseUrl);
    const benchCpu = process.cpuUsage();
    const figures = await runJourneys(journeyOn(server.url), options);
    const generator = process.cpuUsage(benchCpu);
    printJourneyFigures(label, figures, baseline.requestsPerSecond);
    printCpuPerJourney(figures.journeys, {
      server: serverCpu.elapsed(),
      PostgreSQL: postgresCpu?.elapsed(),
      'this bench (load generator, SMTP sink)': (generator.user + generator.system) / 1000,
    });
    if (statementsCounted()) await printStatements(databaseUrl, figures.journeys);
    return figures;
  } finally {
    await stopServer(server);
    await sink.stop();
  }
}
