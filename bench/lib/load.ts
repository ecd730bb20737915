import autocannon, { type Result } from 'autocannon';

/**
 * What a load bench needs to know about an endpoint. The feedback form's bench wraps the same
 * helpers with its own path and body generator.
 */
export interface EndpointUnderTest {
  /** e.g. "/api/opt-out". */
  path: string;
  /** A valid, distinct JSON submission for request number `n`. */
  body: (n: number) => Record<string, unknown>;
}

export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
}

/** Sends distinct valid submissions for `seconds` over `connections` connections. */
export async function loadTest(
  baseUrl: string,
  endpoint: EndpointUnderTest,
  options: { connections: number; seconds: number },
): Promise<LoadFigures> {
  let n = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: endpoint.path,
        headers: { 'content-type': 'application/json' },
        // Each submission comes from its own client, as real traffic does (the server trusts this
        // header only because the bench starts it with CLIENT_IP_HEADER, as behind a proxy).
        setupRequest: (request) => {
          const i = n++;
          return {
            ...request,
            headers: { ...request.headers, 'x-forwarded-for': `198.18.${(i >> 8) & 255}.${i & 255}` },
            body: JSON.stringify(endpoint.body(i)),
          };
        },
      },
    ],
  });
  return figures(result);
}

/** The same load as a plain GET, for the constant-response ceiling. */
export async function loadGet(url: string, options: { connections: number; seconds: number }): Promise<LoadFigures> {
  return figures(await autocannon({ url, connections: options.connections, duration: options.seconds }));
}

function figures(result: Result): LoadFigures {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function printFigures(label: string, figures: LoadFigures, baseline?: LoadFigures): void {
  const ratio = baseline
    ? `  (${((figures.requestsPerSecond / baseline.requestsPerSecond) * 100).toFixed(1)} % of constant)`
    : '';
  process.stdout.write(
    `${label.padEnd(34)} ${String(figures.requestsPerSecond).padStart(6)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  ` +
      `total ${figures.total}  non-2xx ${figures.non2xx}  errors ${figures.errors}${ratio}\n`,
  );
}
