import type { SettingsData } from '../schemas/settings.ts';
import type { Keyring } from './crypto/field-crypto.ts';
import { loadKeyring } from './crypto/keyring.ts';
import { openStore, type Store } from './db/client.ts';
import { SchemaBehindError } from './db/migrations.ts';
import { type Env, loadEnv, publicUrl } from './env.ts';
import { log } from './log.ts';
import { fileMailer, type Mailer, smtpMailer } from './mail/transport.ts';
import { readSiteSettings } from './site-settings.ts';

/** Everything a function needs, opened once per process (or per warm serverless instance). */
export interface Services {
  env: Env;
  store: Store;
  keyring: Keyring;
  mailer: Mailer;
  settings: SettingsData;
  siteUrl: string;
}

/** Opens every service from a checked environment. Swapping PGlite for PostgreSQL or files for SMTP is configuration only. */
export async function openServices(env: Env = loadEnv()): Promise<Services> {
  const [store, keyring, settings] = await Promise.all([
    openStore({
      databaseUrl: env.DATABASE_URL,
      dataDir: env.DATA_DIR,
      poolMax: env.dbPoolMax,
      preparedStatements: env.DB_PREPARED_STATEMENTS === 'true',
    }),
    loadKeyring({
      encryptionKeys: env.FIELD_ENCRYPTION_KEYS,
      hmacKey: env.LOOKUP_HMAC_KEY,
      dataDir: env.DATA_DIR,
      log: (message) => log.warn(message),
    }),
    readSiteSettings(env.CONTENT_DIR),
  ]);
  return { env, store, keyring, mailer: openMailer(env), settings, siteUrl: publicUrl(env) };
}

/** The mail route the settings give: SMTP_URL's relay, or files under DATA_DIR without it. */
export function openMailer(env: Env): Mailer {
  return env.SMTP_URL ? smtpMailer(env.SMTP_URL, env.MAIL_FROM) : fileMailer(env.DATA_DIR, env.MAIL_FROM);
}

let current: Promise<Services> | undefined;
let schemaBehindLogged = false;

/**
 * The process's services. The first call opens them; a failed open is not cached, so a
 * database that was down at start-up is retried on the next request rather than forever broken.
 */
export function getServices(): Promise<Services> {
  if (!current) {
    current = openServices().then(
      (services) => {
        schemaBehindLogged = false;
        return services;
      },
      (error: unknown) => {
        current = undefined;
        // Said once per instance, not on every request, until the migration has run.
        if (error instanceof SchemaBehindError && !schemaBehindLogged) {
          schemaBehindLogged = true;
          log.error(error.message);
        }
        throw error;
      },
    );
  }
  return current;
}

/** Installs already-open services (the local server and tests open them explicitly). */
export function installServices(services: Services): void {
  current = Promise.resolve(services);
}

/** Closes the services (graceful shutdown, end of a test). */
export async function closeServices(): Promise<void> {
  const open = current;
  current = undefined;
  if (!open) return;
  const services = await open.catch(() => undefined);
  services?.mailer.close();
  await services?.store.close();
}
