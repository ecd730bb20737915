import { sql } from 'drizzle-orm';

/**
 * Many rows as ONE parameter, read back with json_to_recordset: a statement per 1,000 rows with
 * a handful of parameters, rather than thousands that the driver and the planner each pay for.
 * Used by the batched step (step-batch.ts), its emails and the match file's rows.
 */
export const jsonOf = (value: unknown) => sql`${JSON.stringify(value)}::json`;
