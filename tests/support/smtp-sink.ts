import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/** A parsed email as received by the test SMTP server. */
export interface ReceivedEmail {
  to: string[];
  subject: string;
  text: string;
  /** The Message-ID header: the outbox builds it from the dedupe key, so a repeat has the same one. */
  messageId: string;
  raw: string;
}

/**
 * How the sink answers, for the fault tests:
 * - `accept`: stores the message and replies 250;
 * - `refuse`: replies 451 to the message (try again later), stores nothing;
 * - `reject`: replies 554 to the message (a permanent-looking refusal), stores nothing;
 * - `hang-greeting`: accepts the connection and never says anything;
 * - `hang-data`: takes the whole message and never replies to it, stores nothing.
 */
export type SinkMode = 'accept' | 'refuse' | 'reject' | 'hang-greeting' | 'hang-data';

export interface SmtpSink {
  url: string;
  port: number;
  received: ReceivedEmail[];
  /** Kept for older tests: refuse(true) is mode('refuse'), refuse(false) is mode('accept'). */
  refuse(on: boolean): void;
  mode(mode: SinkMode): void;
  /** Stops listening and drops open connections: the port refuses connections until up(). */
  down(): Promise<void>;
  /** Listens again on the same port, keeping what was received. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps what it receives, so tests prove that email
 * leaves through SMTP (not a mock) and can read exactly what a resident would get.
 */
export async function startSmtpSink(
  options: { port?: number; onMessage?: (email: ReceivedEmail) => void } = {},
): Promise<SmtpSink> {
  const received: ReceivedEmail[] = [];
  let mode: SinkMode = 'accept';
  let port = options.port ?? 0;
  let server: SMTPServer | undefined;

  const create = () => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      // down() must free the port at once; a sender mid-conversation sees the connection drop.
      closeTimeout: 50,
      logger: false,
      onConnect(_session, callback) {
        // Never calling back leaves the client waiting for a greeting that does not come.
        if (mode !== 'hang-greeting') callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          if (mode === 'hang-data') return;
          if (mode === 'refuse')
            return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
          if (mode === 'reject')
            return callback(Object.assign(new Error('Service unavailable'), { responseCode: 554 }));
          const raw = Buffer.concat(chunks).toString('utf8');
          const parsed = await PostalMime.parse(raw);
          const email = {
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? '',
            raw,
          };
          received.push(email);
          options.onMessage?.(email);
          callback();
        });
      },
    });
    // A sender stopped mid-delivery (a bundle a bench or test stops) resets its connection; the
    // server reports that as an 'error' event, which unheard would end the whole process.
    smtp.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
    });
    return smtp;
  };

  const up = async () => {
    const next = create();
    await new Promise<void>((resolve, reject) => {
      next.server.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    const address = next.server.address();
    port = typeof address === 'object' && address ? address.port : port;
    server = next;
  };
  const down = async () => {
    const current = server;
    server = undefined;
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await up();
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    refuse: (on) => {
      mode = on ? 'refuse' : 'accept';
    },
    mode: (next) => {
      mode = next;
    },
    down,
    up,
    stop: down,
  };
}

/** How many distinct Message-IDs arrived more than once: copies a receiver could drop. */
export function repeatedMessageIds(received: readonly ReceivedEmail[]): number {
  const counts = new Map<string, number>();
  for (const email of received) counts.set(email.messageId, (counts.get(email.messageId) ?? 0) + 1);
  return [...counts.values()].filter((n) => n > 1).length;
}
