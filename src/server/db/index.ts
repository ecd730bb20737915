/**
 * The whole database schema. Feature modules add their tables in their own files and export
 * them from here, so drizzle-kit sees one schema and generates one ordered set of migrations.
 */
export * from './abuse-schema.ts';
export * from './consultations-schema.ts';
export * from './feedback-schema.ts';
export * from './match-schema.ts';
export * from './opt-out-schema.ts';
export * from './retention-schema.ts';
export * from './schema.ts';
export * from './staff-schema.ts';
export * from './subject-access-schema.ts';
export * from './subscriptions-schema.ts';
export * from './update-sends-schema.ts';
