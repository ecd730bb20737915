import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';

/**
 * The benches stop function bundles while they may be handing an email to the sink; the sender's
 * connection is then reset. That must not end the bench or test process (it did, in the bundles
 * bench's cold-start phase: "Error: read ECONNRESET ... Emitted 'error' event on SMTPServer").
 */
/** The server's next reply (greeting, or the answer to `command`). */
const reply = (socket: Socket, command?: string) =>
  new Promise<string>((resolve, reject) => {
    socket.once('data', (chunk) => resolve(chunk.toString()));
    socket.once('error', reject);
    if (command) socket.write(`${command}\r\n`);
  });

describe('the SMTP sink when a sender is stopped mid-conversation', () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => sink?.stop());

  it('drops that connection and still greets the next sender', async () => {
    sink = await startSmtpSink();
    const first = connect(sink.port, '127.0.0.1');
    expect(await reply(first)).toMatch(/^220 /);
    expect(await reply(first, 'EHLO bench')).toMatch(/^250/);
    // Reset once a delivery has begun: before MAIL FROM the server ignores a reset by itself.
    expect(await reply(first, 'MAIL FROM:<a@example.org>')).toMatch(/^250 /);
    first.resetAndDestroy();
    // Give the server the moment it needs to read the reset.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const second = connect(sink.port, '127.0.0.1');
    expect(await reply(second)).toMatch(/^220 /);
    second.destroy();
  });
});
