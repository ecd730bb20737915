import { benchArguments } from './lib/arguments.ts';
import { runEndpointLoad } from './lib/endpoint-load.ts';
import { feedbackBody } from './lib-feedback/bodies.ts';

/**
 * Load on the feedback endpoint (see bench/lib/endpoint-load.ts): 50 connections for 20 s of
 * valid, distinct messages (complaints with email, anonymous questions, rights requests), with
 * PostgreSQL then PGlite, beside a constant handler.
 */
const args = benchArguments(`Usage: npm run bench -- feedback-load [seconds, default 20]

Load on POST /api/feedback with PostgreSQL, then PGlite, beside a constant handler. Needs
PostgreSQL (apt-get install postgresql) and npm run build.`);
await runEndpointLoad(
  { path: '/api/feedback', body: (n: number) => feedbackBody(n) },
  args.count(0, 20, 'number of seconds'),
);
