import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReceivedEmail } from '../support/smtp-sink.ts';

/** What tests/platform/global-setup.ts started, for the journeys (which run in other processes). */
export interface PlatformState {
  mailDir: string;
  deployments: Record<
    string,
    {
      url: string;
      /** Direct connection to the deployment's own database, for checks. */
      databaseUrl: string;
      /** Staff accounts by email address, each with its one-time set-up link. */
      staff: Record<string, string>;
      /** Each function's own origin, to invoke scheduled functions directly. */
      origins: Record<string, string>;
      bundlesDir: string;
    }
  >;
}

/** The two deployments and their CDN ports: PostgreSQL directly, and through pgbouncer. */
export function platformPorts(): { direct: number; pgbouncer: number } {
  const base = Number(process.env['PLATFORM_PORT'] ?? 4470);
  return { direct: base, pgbouncer: base + 1 };
}

export function platformState(): PlatformState {
  const file = process.env['PLATFORM_STATE'];
  if (!file) throw new Error('PLATFORM_STATE is not set: run through playwright.platform.config.ts');
  return JSON.parse(readFileSync(file, 'utf8')) as PlatformState;
}

/** Every email received so far by the deployments' SMTP relay. */
export function platformEmails(): ReceivedEmail[] {
  const { mailDir } = platformState();
  return readdirSync(mailDir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(mailDir, file), 'utf8')) as ReceivedEmail);
}
