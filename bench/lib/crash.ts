import type { EndpointUnderTest } from './load.ts';
import { freePort, type RunningServer, startServer, stopServer } from './server.ts';

/** What the crash bench checks in the database after the run (the feedback bench supplies its own). */
export interface CrashVerifier {
  /** For each acknowledged reference: how many rows hold it, and whether its emails are queued. */
  check(references: string[]): Promise<{ stored: number; duplicated: number; missingEmails: number }>;
}

export interface CrashOptions {
  databaseUrl: string;
  endpoint: EndpointUnderTest;
  /** Reads the reference from a 2xx answer. */
  referenceOf: (body: unknown) => string | undefined;
  kills?: number;
  clients?: number;
}

/**
 * Sends submissions continuously from several clients, SIGKILLs the server at random moments,
 * restarts it, and finally checks that every reference a client was given is stored exactly once
 * with its emails queued. A reference only counts as acknowledged once its 2xx answer arrived.
 */
export async function crashTest(options: CrashOptions, verifier: CrashVerifier) {
  const kills = options.kills ?? 5;
  const port = await freePort();
  const acknowledged: string[] = [];
  let failed = 0;
  let n = 0;
  let server: RunningServer | undefined = await startServer({ port, databaseUrl: options.databaseUrl });
  let running = true;

  const client = async () => {
    while (running) {
      const body = options.endpoint.body(n++);
      try {
        const response = await fetch(`http://127.0.0.1:${port}${options.endpoint.path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const json: unknown = await response.json();
        const reference = response.ok ? options.referenceOf(json) : undefined;
        if (reference) acknowledged.push(reference);
        else failed += 1;
      } catch {
        failed += 1; // connection refused or reset: the server was killed; nothing was promised
        await new Promise((done) => setTimeout(done, 20));
      }
    }
  };
  const clients = Array.from({ length: options.clients ?? 8 }, () => client());

  for (let kill = 1; kill <= kills; kill += 1) {
    await new Promise((done) => setTimeout(done, 700 + Math.random() * 2300));
    const before = acknowledged.length;
    if (server) await stopServer(server, 'SIGKILL');
    process.stdout.write(`kill ${kill}: SIGKILL after ${before} acknowledged\n`);
    server = await startServer({ port, databaseUrl: options.databaseUrl });
  }
  await new Promise((done) => setTimeout(done, 1000));
  running = false;
  await Promise.all(clients);
  if (server) await stopServer(server);

  const unique = [...new Set(acknowledged)];
  const result = await verifier.check(unique);
  const lost = unique.length - result.stored;
  process.stdout.write(
    `acknowledged ${acknowledged.length}, stored ${result.stored}, lost ${lost}, duplicated ${result.duplicated}` +
      ` (missing emails ${result.missingEmails}, refused or cut off while down ${failed}, same reference twice ${acknowledged.length - unique.length})\n`,
  );
  return { acknowledged: acknowledged.length, ...result, lost };
}
