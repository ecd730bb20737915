import { runEndpointLoad } from './lib/endpoint-load.ts';
import { feedbackBody } from './lib-feedback/bodies.ts';

/**
 * Load on the feedback endpoint (see bench/lib/endpoint-load.ts): 50 connections for 20 s of
 * valid, distinct messages (complaints with email, anonymous questions, rights requests), with
 * PostgreSQL then PGlite, beside a constant handler.
 *
 *   node bench/feedback-load.ts [seconds]
 */
await runEndpointLoad({ path: '/api/feedback', body: (n: number) => feedbackBody(n) }, Number(process.argv[2] ?? 20));
