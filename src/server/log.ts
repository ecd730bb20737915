/**
 * Structured logging, one JSON line per event. Personal data must never reach a log: callers
 * log references, ids and status codes only, and every string is passed through `redact` as a
 * second line of defence (SMTP errors, for example, often quote the recipient's address).
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

const EMAIL = /[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+\.[^\s@<>"'(),;:]+/g;
// Ten digits in a row, or in the 3-3-4 groups NHS numbers are written in.
const NHS_NUMBER_LIKE = /\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g;

// drizzle's "Failed query" errors list the query's parameters, which can be a person's answers.
const QUERY_PARAMS = /\nparams: [^\n]*/g;

/** Removes email addresses, NHS-number-like digit runs and query parameters from a string. */
export function redact(text: string): string {
  return text
    .replace(QUERY_PARAMS, '\nparams: [redacted]')
    .replace(EMAIL, '[email]')
    .replace(NHS_NUMBER_LIKE, '[number]');
}

function write(level: 'info' | 'warn' | 'error', message: string, fields: LogFields = {}): void {
  const safe: LogFields = {};
  for (const [key, value] of Object.entries(fields)) safe[key] = typeof value === 'string' ? redact(value) : value;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message: redact(message), ...safe });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

export const log = {
  info: (message: string, fields?: LogFields) => write('info', message, fields),
  warn: (message: string, fields?: LogFields) => write('warn', message, fields),
  error: (message: string, fields?: LogFields) => write('error', message, fields),
};

/** The name and message of an error and its causes, redacted, for a log line. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth += 1) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return redact(parts.join(' <- '));
}
