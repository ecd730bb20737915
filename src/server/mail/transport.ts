import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { log } from '../log.ts';

/** One email, ready to send. Bodies never contain a person's answers (see templates). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
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
}

/** Sends through an SMTP server. The pool keeps connections open between messages. */
export function smtpMailer(url: string, from: string): Mailer {
  const pooled = new URL(url);
  if (!pooled.searchParams.has('pool')) pooled.searchParams.set('pool', 'true');
  const transport = nodemailer.createTransport(pooled.toString(), { from });
  return {
    kind: 'smtp',
    async send(message) {
      try {
        await transport.sendMail({ ...message, from });
      } catch (error) {
        throw new MailDeliveryError('The SMTP server did not accept the message', { cause: error });
      }
    },
    async verify() {
      await transport.verify();
    },
    close: () => transport.close(),
  };
}

/**
 * The embedded default: writes each message as an .eml file under `<dataDir>/mail/`, so a
 * developer can open what a resident would receive. Only the file's path is logged.
 */
export function fileMailer(dataDir: string, from: string): Mailer {
  const folder = resolve(dataDir, 'mail');
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'file',
    async send(message) {
      try {
        const info = await transport.sendMail({ ...message, from });
        await mkdir(folder, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.messageId.replace(/[^\w.-]/g, '_')}.eml`;
        const path = resolve(folder, name);
        await writeFile(path, info.message as Buffer, { mode: 0o600 });
        log.info('Email written to file', { path });
      } catch (error) {
        throw new MailDeliveryError('The email could not be written to the mail folder', { cause: error });
      }
    },
    async verify() {
      await mkdir(folder, { recursive: true });
    },
    close: () => transport.close(),
  };
}
