import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailDeliveryError, smtpMailer } from '../../src/server/mail/transport.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.ts';

/**
 * A hard bounce as the SMTP transport sees it (issue 18): a permanent 5xx reply to the message
 * marks the error permanent, so the outbox stops mail to a subscriber; a 4xx (try later) does not.
 */
describe('the SMTP transport tells a permanent refusal from a temporary one', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => sink.stop());

  const attempt = async () => {
    const mailer = smtpMailer(sink.url, 'updates@clearshare.example');
    try {
      await mailer.send({ to: 'gone@example.org', subject: 'News', text: 'Hello', messageId: '<bounce@test>' });
      return undefined;
    } catch (error) {
      return error;
    } finally {
      mailer.close();
    }
  };

  it('a 554 reply is a permanent refusal', async () => {
    sink.mode('reject');
    const error = await attempt();
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ permanent: true, unreachable: false });
  });

  it('a 451 reply is not', async () => {
    sink.mode('refuse');
    expect(await attempt()).toMatchObject({ permanent: false, unreachable: false });
  });
});
