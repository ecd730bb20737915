import { startSmtpSink } from '../../tests/support/smtp-sink.ts';
import { loadGet, printFigures } from './load.ts';
import { freePort, type RunningServer, startConstantServer, startServer, stopServer } from './server.ts';

/**
 * Residents' journeys as a browser without JavaScript makes them: form posts (URL-encoded, or
 * multipart with a file), the cookies the server sets, the hidden fields of the page it returns
 * and its redirects, sent from many clients at once. Each step's latency is kept apart, so the
 * send step (the one that stores the request) can be read on its own.
 */

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
    };
    if (this.cookies.size > 0)
      headers['cookie'] = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.method === 'POST') {
      headers['origin'] = this.baseUrl;
      headers['sec-fetch-site'] = 'same-origin';
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body ?? null,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
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
  options: { clients: number; seconds: number },
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
    const figures = await runJourneys(journeyOn(server.url), options);
    printJourneyFigures(label, figures, baseline.requestsPerSecond);
    return figures;
  } finally {
    await stopServer(server);
    await sink.stop();
  }
}
