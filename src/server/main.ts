import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import { exitWithPrimary, runsSingletonJobs, superviseWorkers, workerCount } from './cluster.ts';
import { loadEnv } from './env.ts';
import { createApp } from './http/app.ts';
import { loadFunctions } from './http/load-functions.ts';
import { describeError, log } from './log.ts';
import { startOutboxTimer } from './mail/outbox-timer.ts';
import { startScheduledSendsTimer } from './mail/scheduled-sends.ts';
import { RETENTION_INTERVAL_MINUTES, startRetentionTimer } from './retention.ts';
import { assertRuntimeFiles } from './runtime-files.ts';
import { closeServices, installServices, openServices } from './services.ts';
import { countAccounts } from './staff/auth/accounts.ts';
import { testClockFor } from './staff/test-clock.ts';
import { startBanner } from './start-banner.ts';

/**
 * `npm start`: opens the database (migrating the embedded one; PostgreSQL is migrated by `npm run db:migrate`) and mail route once, then serves the
 * built site and every function, and sends queued email on a timer. With PostgreSQL it does so in
 * one process per CPU core (see cluster.ts); with PGlite in this one process.
 */
async function main(): Promise<void> {
  // The staff routes match with URLPattern, global from Node 24 (the project's pinned Node, which
  // every npm script runs). Started with an older Node directly, the server would answer the staff
  // pages with errors; it stops here instead, saying what to do.
  if (typeof globalThis.URLPattern === 'undefined') {
    process.stderr.write(
      `This server needs Node.js 24 (it has ${process.version}). Start it with npm start or npm run serve, which use the project's Node 24.\n`,
    );
    process.exit(1);
  }
  const env = loadEnv();
  // The files every function reads at run time (the settings, the page shells): missing, the
  // server stops here, naming them, rather than failing residents' requests later.
  assertRuntimeFiles(env);
  const workers = workerCount(env);
  if (cluster.isPrimary && workers > 1) {
    // Checked once, here (settings, keys, schema version), before the workers start.
    const migrated = await openServices(env);
    const staffAccounts = await countAccounts(migrated.store.db);
    migrated.mailer.close();
    await migrated.store.close();
    superviseWorkers(workers);
    process.stdout.write(
      startBanner({
        url: `http://${env.HOST}:${env.PORT}/`,
        processes: workers,
        database: migrated.store.kind,
        mail: migrated.mailer.kind,
        dataDir: env.DATA_DIR,
        staffAccounts,
      }),
    );
    return;
  }
  exitWithPrimary();
  const services = await openServices(env);
  installServices(services);
  // Only the process that prints the banner asks (a cluster's primary counted before its workers started).
  const staffAccounts = cluster.isWorker ? 0 : await countAccounts(services.store.db);
  const functions = await loadFunctions();
  const app = createApp({
    functions,
    staticDir: env.STATIC_DIR,
    clientIpHeader: env.CLIENT_IP_HEADER,
    trustedProxyHops: env.TRUSTED_PROXY_HOPS,
    staffOrigin: env.STAFF_ORIGIN,
    testClock: testClockFor(env),
  });
  const stopOutbox = startOutboxTimer(services, env.OUTBOX_INTERVAL_MS);
  const stopRetention = runsSingletonJobs()
    ? startRetentionTimer(
        { db: services.store.db, keyring: services.keyring, settings: services.settings },
        RETENTION_INTERVAL_MINUTES * 60 * 1000,
      )
    : async () => {};
  // Email updates are queued from the built feed once a minute at the default outbox interval
  // (as the scheduled outbox function does on Netlify); the outbox timer then sends them.
  const stopUpdates = runsSingletonJobs()
    ? startScheduledSendsTimer(services, env.OUTBOX_INTERVAL_MS * 12)
    : async () => {};

  const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
    log.info('Server started', {
      database: services.store.kind,
      mail: services.mailer.kind,
      functions: functions.length,
    });
    // Printed plainly as well, so a newcomer sees where to go (the primary says it for a cluster).
    if (!cluster.isWorker) {
      process.stdout.write(
        startBanner({
          url: `http://${env.HOST}:${info.port}/`,
          database: services.store.kind,
          mail: services.mailer.kind,
          dataDir: env.DATA_DIR,
          staffAccounts,
        }),
      );
    }
  });

  const shutdown = (signal: string) => {
    log.info('Shutting down', { signal });
    // The database closes only after the email being sent (if any) is marked sent and the
    // retention run (if any) is done: closing it under a dispatch logged an error on every clean
    // stop, and left that email to go twice.
    const jobsStopped = Promise.all([stopOutbox(), stopRetention(), stopUpdates()]);
    server.close(() => {
      void jobsStopped.then(closeServices).finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  // A configuration problem's message is written for people; print it as it is.
  process.stderr.write(
    `\n${error instanceof Error && error.name === 'ConfigurationError' ? error.message : describeError(error)}\n\n`,
  );
  process.exit(1);
});
