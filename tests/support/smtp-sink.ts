import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/** A parsed email as received by the test SMTP server. */
export interface ReceivedEmail {
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

/**
 * A real SMTP server on loopback that keeps what it receives, so tests prove that email
 * leaves through SMTP (not a mock) and can read exactly what a resident would get.
 */
export async function startSmtpSink(
  options: { port?: number; onMessage?: (email: ReceivedEmail) => void } = {},
): Promise<{
  url: string;
  received: ReceivedEmail[];
  refuse(on: boolean): void;
  stop(): Promise<void>;
}> {
  const received: ReceivedEmail[] = [];
  let refusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        if (refusing) return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 451 }));
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = await PostalMime.parse(raw);
        const email = {
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          raw,
        };
        received.push(email);
        options.onMessage?.(email);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse: (on) => {
      refusing = on;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
