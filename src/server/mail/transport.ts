import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Transporter } from 'nodemailer';
import { log } from '../log.ts';

/**
 * A transport made on first use: nodemailer is loaded then, not when a function starts, so a
 * cold start that answers a resident does not parse it (in a function, mail goes after the
 * answer; scripts/prebundle-functions.ts keeps the package out of the function's own module).
 */
function lazyTransport(make: (nodemailer: typeof import('nodemailer')) => Transporter) {
  let transport: Promise<Transporter> | undefined;
  return {
    get: () => {
      transport ??= import('nodemailer').then((module) =>
        make((module.default ?? module) as typeof import('nodemailer')),
      );
      return transport;
    },
    close: () => void transport?.then((t) => t.close()),
  };
}

/** One email, ready to send. Bodies never contain a person's answers (see templates). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Extra headers from the template (List-Unsubscribe and List-Unsubscribe-Post for subscribers). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** A stable id built from the outbox dedupe key, so a retried send can be recognised. */
  messageId: string;
}

/** The narrow interface the outbox uses; swapping SMTP for the file sink is configuration only. */
export interface Mailer {
  kind: 'smtp' | 'file';
  send(message: MailMessage): Promise<void>;
  /** Resolves if mail can be sent right now (SMTP: the server accepts a connection). */
  verify(): Promise<void>;
  close(): void;
}

/** Thrown when a message could not be handed over; the outbox retries it later. */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';
  /**
   * True when the server could not be reached or stopped answering (refused, reset, timed out),
   * rather than replying with an error about this one message: the outbox then stops the batch
   * instead of waiting out the same timeout for every message behind it.
   */
  readonly unreachable: boolean;
  /**
   * True when the server refused this message for good: a 5xx reply (RFC 5321 4.2.1), such as
   * "550 no such user". Trying again cannot help; for a subscriber it is a hard bounce.
   */
  readonly permanent: boolean;
  constructor(message: string, options: { cause: unknown; unreachable: boolean; permanent?: boolean }) {
    super(message, { cause: options.cause });
    this.unreachable = options.unreachable;
    this.permanent = options.permanent ?? false;
  }
}

/** nodemailer's codes for a connection that failed or went silent, as opposed to an SMTP reply. */
const UNREACHABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']);

/**
 * How long to wait for the server. nodemailer's defaults (2 min to connect, 10 min of silence)
 * outlast the outbox's 2-minute claim, so a server that accepts and never answers would let
 * another process claim and send the same message while this one still waits.
 */
export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}
export const SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 };

/** Sends through an SMTP server. The pool keeps connections open between messages. */
export function smtpMailer(url: string, from: string, timeouts: SmtpTimeouts = SMTP_TIMEOUTS): Mailer {
  const pooled = new URL(url);
  if (!pooled.searchParams.has('pool')) pooled.searchParams.set('pool', 'true');
  // Transport options go in the first argument (the second is only message defaults); values the
  // URL's query sets win, so an operator can still tune them in SMTP_URL.
  const transport = lazyTransport((nodemailer) =>
    nodemailer.createTransport(
      {
        url: pooled.toString(),
        connectionTimeout: timeouts.connectionMs,
        greetingTimeout: timeouts.greetingMs,
        socketTimeout: timeouts.socketMs,
      },
      { from },
    ),
  );
  return {
    kind: 'smtp',
    async send(message) {
      try {
        await (await transport.get()).sendMail({ ...message, from });
      } catch (error) {
        const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
        const reply =
          typeof error === 'object' && error !== null && 'responseCode' in error ? Number(error.responseCode) : 0;
        throw new MailDeliveryError('The SMTP server did not accept the message', {
          cause: error,
          unreachable: UNREACHABLE_CODES.has(code),
          permanent: reply >= 500 && reply < 600,
        });
      }
    },
    async verify() {
      await (await transport.get()).verify();
    },
    close: transport.close,
  };
}

/**
 * The embedded default: writes each message as an .eml file under `<dataDir>/mail/`, so a
 * developer can open what a resident would receive. Only the file's path is logged.
 */
export function fileMailer(dataDir: string, from: string): Mailer {
  const folder = resolve(dataDir, 'mail');
  const transport = lazyTransport((nodemailer) =>
    nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' }),
  );
  return {
    kind: 'file',
    async send(message) {
      try {
        const info = await (await transport.get()).sendMail({ ...message, from });
        await mkdir(folder, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.messageId.replace(/[^\w.-]/g, '_')}.eml`;
        const path = resolve(folder, name);
        await writeFile(path, info.message as Buffer, { mode: 0o600 });
        log.info('Email written to file', { path });
      } catch (error) {
        throw new MailDeliveryError('The email could not be written to the mail folder', {
          cause: error,
          unreachable: false,
        });
      }
    },
    async verify() {
      await mkdir(folder, { recursive: true });
    },
    close: transport.close,
  };
}
