import { defineConfig } from 'drizzle-kit';

// One schema, one ordered set of SQL migrations, applied at start-up to PGlite and PostgreSQL alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/index.ts',
  out: './src/server/db/migrations',
});
