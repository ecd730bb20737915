/** PostgreSQL's SQLSTATE for a unique violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * True for PostgreSQL's unique-violation error (of `constraint`, when named), whichever driver
 * raised it and however deeply it is wrapped: postgres.js and PGlite put the code (and the
 * constraint's name, as `constraint_name` or `constraint`) on the error or on one of its causes,
 * and drizzle wraps them in its own query error.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let current = error; current !== null && typeof current === 'object'; ) {
    const record = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    if (
      record.code === UNIQUE_VIOLATION &&
      (constraint === undefined || record.constraint_name === constraint || record.constraint === constraint)
    )
      return true;
    current = record.cause;
  }
  return false;
}
