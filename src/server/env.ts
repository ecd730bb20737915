import { z } from 'zod';

/**
 * Every environment variable the server reads, checked once at start-up. `.env.example` lists
 * them with the same defaults. A missing or malformed value stops start-up with a plain message,
 * so a misconfigured deployment fails loudly instead of silently losing submissions.
 */
const HOPS_MESSAGE =
  'TRUSTED_PROXY_HOPS must be a whole number from 1 to 10: how many proxies in front of the server add to CLIENT_IP_HEADER';

const STAFF_ORIGIN_PATH = 'STAFF_ORIGIN must be an address without a path, like https://staff.example.nhs.uk';

const envSchema = z
  .object({
    /** "production" turns on the production-only safety rules below. Default "development". */
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** Address the local server listens on. Default 127.0.0.1 (this machine only). */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Port the local server listens on. Default 4321. */
    PORT: z.coerce.number().int().min(0).max(65535).default(4321),
    /** Public address of the site, used in email links. Required in production; elsewhere default http://127.0.0.1:<PORT>. */
    PUBLIC_URL: z.url().optional(),
    /**
     * The origin that alone serves /staff/, /api/staff/ and /admin/, e.g. https://staff.example.nhs.uk
     * (src/server/http/staff-origin.ts). Staff emails link to it. Unset: they are served on every origin.
     */
    STAFF_ORIGIN: z
      .url()
      .refine((value) => /^https?:\/\/[^/]+\/?$/.test(value), STAFF_ORIGIN_PATH)
      .transform((value) => new URL(value).origin)
      .optional(),
    /** Folder for the embedded database, generated keys and the file mail sink. Default ./data. */
    DATA_DIR: z.string().min(1).default('./data'),
    /**
     * PostgreSQL connection string. Unset: embedded PGlite under DATA_DIR (not for production).
     * In production it must use TLS (`sslmode=require` or stronger) unless it points at loopback.
     */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
    /**
     * SMTP server, e.g. smtps://user:pass@host:465 or smtp://user:pass@host:587?requireTLS=true.
     * Unset: each email is written as an .eml file. In production it must use TLS unless it points at loopback.
     */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
      .optional(),
    /** The From address of every email. Default "Ashby and Wyre Shared Care Record <no-reply@ashbywyre-record.example>". */
    MAIL_FROM: z.string().min(3).default('Ashby and Wyre Shared Care Record <no-reply@ashbywyre-record.example>'),
    /**
     * Field-encryption keys as "id:base64key" pairs, comma-separated, newest first. New data is
     * encrypted with the first; older keys stay readable so keys can rotate. Each key is 32 bytes.
     * Unset outside production: a key is generated under DATA_DIR (file mode 0600).
     */
    FIELD_ENCRYPTION_KEYS: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/,
        'FIELD_ENCRYPTION_KEYS must look like "2026a:<base64 key>,2025b:<base64 key>"',
      )
      .optional(),
    /** Key (base64, 32 bytes) for the HMAC that finds earlier requests by NHS number without decrypting. Unset outside production: generated under DATA_DIR. */
    LOOKUP_HMAC_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/=]{43,}$/, 'LOOKUP_HMAC_KEY must be a base64 key of at least 32 bytes')
      .optional(),
    /**
     * Folder of the built site: the local server serves it, and every function reads its page
     * shells (form-shell/, staff-shell/) from it. Default ./dist, from the working directory (the
     * bundle's own folder on a platform, where netlify.toml's included_files put the shells).
     */
    STATIC_DIR: z.string().min(1).default('./dist'),
    /**
     * Folder of the comms team's content; the functions read settings/site.yaml from it. Default
     * ./content, from the working directory (included in each bundle by netlify.toml).
     */
    CONTENT_DIR: z.string().min(1).default('./content'),
    /**
     * Database connections each process keeps open. Default 1 on a serverless platform (each warm
     * function instance holds its own, so a flood of instances cannot exhaust the server), 10 on
     * the Node server. Works through a pooler in transaction mode.
     */
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
    /**
     * "true" lets the PostgreSQL client keep named prepared statements on each connection, for a
     * direct connection or a pooler that keeps them (pgbouncer 1.21 or later with
     * max_prepared_statements set). Each query is then one round trip instead of two (without
     * them the client asks the server for the parameters' types first) and is not parsed again.
     * Default false, which works through any pooler in transaction mode (Debian's pgbouncer 1.18
     * would hand a statement prepared on one client's connection to another).
     */
    DB_PREPARED_STATEMENTS: z.enum(['true', 'false']).default('false'),
    /**
     * "true" allows DATABASE_URL and SMTP_URL without TLS to a host that is not loopback in
     * production, for a private network that cannot do TLS. Default false.
     */
    ALLOW_UNENCRYPTED_CONNECTIONS: z.enum(['true', 'false']).default('false'),
    /**
     * A request header holding the client's IP address, set by a trusted proxy in front of the
     * server (e.g. x-forwarded-for, or x-nf-client-connection-ip on Netlify). Unset: the socket's
     * address. Only set it when every request passes through that proxy, or clients could pick
     * their own address and dodge the per-client rate limit.
     */
    CLIENT_IP_HEADER: z
      .string()
      .regex(/^[a-z0-9-]+$/, 'CLIENT_IP_HEADER must be a header name in lower case, like x-forwarded-for')
      .optional(),
    /**
     * How many proxies you run (or pay for) in front of the server append to CLIENT_IP_HEADER.
     * The client's address is the one the outermost of them wrote: that many entries from the
     * right of X-Forwarded-For, never the left-most, which the client writes itself. Default 1.
     */
    TRUSTED_PROXY_HOPS: z.coerce
      .number({ error: HOPS_MESSAGE })
      .int({ error: HOPS_MESSAGE })
      .min(1, { error: HOPS_MESSAGE })
      .max(10, { error: HOPS_MESSAGE })
      .default(1),
    /** Submissions one client (IP address) may make per form per hour. Default 20. */
    RATE_LIMIT_PER_CLIENT_PER_HOUR: z.coerce.number().int().min(1).default(20),
    /** Submissions everyone together may make per form per minute, against floods from many addresses. Default 600. */
    RATE_LIMIT_GLOBAL_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /**
     * Server processes sharing the port (Node's cluster module). Default: one per CPU core with
     * PostgreSQL, and always 1 with the embedded PGlite, which lives inside one process.
     */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    /** How often the outbox is checked for mail to send, in milliseconds. Default 5000. */
    OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
    /**
     * "allow" lets end-to-end tests set the staff sessions' clock with a request header, for the
     * idle sign-out journey. Only accepted with NODE_ENV=test: any other environment refuses to start.
     */
    STAFF_TEST_CLOCK: z.enum(['off', 'allow']).default('off'),
    /** Set by Netlify's build and functions. Read only to tell that the code runs on a platform. */
    NETLIFY: z.string().optional(),
    /** Set by AWS Lambda, which runs Netlify's functions. Read only to tell that the code runs on a platform. */
    AWS_LAMBDA_FUNCTION_NAME: z.string().optional(),
    /** Set by AWS Lambda: the folder the function's bundle was unpacked into. */
    LAMBDA_TASK_ROOT: z.string().optional(),
  })
  .transform((env) => {
    const platform = runningOn(env);
    return {
      ...env,
      /** Which serverless platform this runs on, if any ("netlify", "aws-lambda"). */
      platform,
      /**
       * Whether the production rules apply: NODE_ENV=production, or on any platform, so a
       * deployment that forgets NODE_ENV still refuses development keys and mail to files.
       */
      production: env.NODE_ENV === 'production' || platform !== undefined,
      /** Connections per process (DB_POOL_MAX, or its default). */
      dbPoolMax: env.DB_POOL_MAX ?? (platform ? 1 : 10),
    };
  })
  .superRefine((env, ctx) => {
    if (env.production && env.ALLOW_UNENCRYPTED_CONNECTIONS !== 'true') {
      const why = `Set ALLOW_UNENCRYPTED_CONNECTIONS=true only for a private network that cannot do TLS.`;
      if (env.DATABASE_URL && !postgresUsesTls(env.DATABASE_URL)) {
        ctx.addIssue({
          code: 'custom',
          path: ['DATABASE_URL'],
          message: `DATABASE_URL must use TLS in production: add ?sslmode=require (or verify-full) to it, or point it at this machine. ${why}`,
        });
      }
      if (env.SMTP_URL && !smtpUsesTls(env.SMTP_URL)) {
        ctx.addIssue({
          code: 'custom',
          path: ['SMTP_URL'],
          message: `SMTP_URL must use TLS in production: use smtps://, or add ?requireTLS=true for STARTTLS, or point it at this machine. ${why}`,
        });
      }
    }
    // PGlite is one connection in one process and does not fsync: a crash can lose a request we
    // have already acknowledged. Production must use a real PostgreSQL server.
    if (env.production && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message:
          'DATABASE_URL is required in production (NODE_ENV=production or running on a platform). The embedded database (PGlite) runs in one process and does not flush to disk, so acknowledged requests could be lost.',
      });
    }
    if (env.production && !env.SMTP_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_URL'],
        message:
          'SMTP_URL is required in production (NODE_ENV=production or running on a platform). Without it, emails are only written to files and never reach people.',
      });
    }
    if (env.production && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message:
          'PUBLIC_URL is required in production (NODE_ENV=production or running on a platform), e.g. https://ashbywyre-record.example: every link in an email is built from it, and without it they would point at this machine.',
      });
    }
    if (env.STAFF_ORIGIN !== undefined && env.STAFF_ORIGIN === new URL(env.PUBLIC_URL ?? 'http://-').origin) {
      ctx.addIssue({
        code: 'custom',
        path: ['STAFF_ORIGIN'],
        message:
          'STAFF_ORIGIN must differ from PUBLIC_URL: it is there to keep the back office and the content manager off the public origin. Unset it, or give staff their own address',
      });
    }
    if ((env.WEB_CONCURRENCY ?? 1) > 1 && !env.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEB_CONCURRENCY'],
        message:
          'WEB_CONCURRENCY above 1 needs DATABASE_URL. The embedded database (PGlite) lives inside one process, so it cannot be shared by several.',
      });
    }
    if (env.STAFF_TEST_CLOCK === 'allow' && env.NODE_ENV !== 'test') {
      ctx.addIssue({
        code: 'custom',
        path: ['STAFF_TEST_CLOCK'],
        message:
          'STAFF_TEST_CLOCK=allow is for end-to-end tests only (NODE_ENV=test): it lets a request set the clock staff sessions are checked against.',
      });
    }
    for (const name of ['FIELD_ENCRYPTION_KEYS', 'LOOKUP_HMAC_KEY'] as const) {
      if (env.production && !env[name]) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `${name} is required in production (NODE_ENV=production or running on a platform), so that personal data is encrypted with a key kept outside the server's disk.`,
        });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

/** The serverless platform this process runs on, from the variables each platform sets. */
export function runningOn(env: {
  NETLIFY?: string | undefined;
  AWS_LAMBDA_FUNCTION_NAME?: string | undefined;
  LAMBDA_TASK_ROOT?: string | undefined;
}): 'netlify' | 'aws-lambda' | undefined {
  if (env.NETLIFY === 'true') return 'netlify';
  if (env.AWS_LAMBDA_FUNCTION_NAME || env.LAMBDA_TASK_ROOT) return 'aws-lambda';
  return undefined;
}

/** Loopback hosts, where a connection never leaves the machine and TLS adds nothing. */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Whether a PostgreSQL URL insists on TLS (sslmode require, verify-ca or verify-full; or ssl=true), or stays on loopback. */
export function postgresUsesTls(value: string): boolean {
  const url = parseUrl(value);
  if (!url) return false;
  // A socket folder in ?host= (a Unix socket) never leaves the machine either.
  const socketHost = url.searchParams.get('host');
  if (!url.hostname && socketHost?.startsWith('/')) return true;
  if (isLoopback(url.hostname)) return true;
  const mode = url.searchParams.get('sslmode') ?? url.searchParams.get('ssl');
  return mode === 'require' || mode === 'verify-ca' || mode === 'verify-full' || mode === 'true';
}

/** Whether an SMTP URL insists on TLS (smtps://, or STARTTLS required with requireTLS=true), or stays on loopback. */
export function smtpUsesTls(value: string): boolean {
  const url = parseUrl(value);
  if (!url) return false;
  if (isLoopback(url.hostname)) return true;
  return url.protocol === 'smtps:' || url.searchParams.get('requireTLS') === 'true';
}

/** Thrown when the environment is wrong; its message lists every problem in plain words. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`The server cannot start because its settings are wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Reads and checks the environment. Values are never echoed back: they may hold passwords. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new ConfigurationError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
}

/** The address staff emails link to: STAFF_ORIGIN when set, else the public address. */
export const staffUrl = (env: Env): string => env.STAFF_ORIGIN ?? publicUrl(env);

/** The address people are sent to in emails. */
export function publicUrl(env: Env): string {
  return (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/$/, '');
}
