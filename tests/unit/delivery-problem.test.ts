import { expect, it } from 'vitest';
import { isMessageKey, t } from '../../src/i18n/t.ts';
import { deliveryProblem } from '../../src/server/mail/delivery-problem.ts';
import { templates } from '../../src/server/mail/templates.ts';

it('says what went wrong with an email in words staff can act on', () => {
  const said = (error: string | null) => t(deliveryProblem(error));
  expect(
    said('MailDeliveryError: The SMTP server did not accept the message <- Error: connect ECONNREFUSED 127.0.0.1:25'),
  ).toBe('The email server refused the connection.');
  expect(said('MailDeliveryError: x <- Error: Greeting never received')).toBe(
    'The email server did not answer in time.',
  );
  expect(said('MailDeliveryError: x <- Error: Invalid login: 535 5.7.8 Authentication failed')).toBe(
    'The email server did not accept our user name or password.',
  );
  expect(said("MailDeliveryError: x <- Error: Can't send mail - all recipients were rejected: 550 5.1.1 [email]")).toBe(
    'The email address was refused. It may be mistyped or no longer exist.',
  );
  expect(said('MailDeliveryError: x <- Error: Message failed: 451 4.3.0 Try again later')).toBe(
    'The email server asked us to try again later.',
  );
  expect(said('MailDeliveryError: x <- Error: Message failed: 554 5.7.1 Rejected')).toBe(
    'The email server refused this email.',
  );
  expect(said('Something nobody has seen before')).toContain('check the server log');
  expect(said(null)).toContain('check the server log');
});

it('names every email the service sends in words, so the mail page never shows a template name', () => {
  const unnamed = Object.keys(templates).filter((name) => !isMessageKey(`staffQueues.mail.template.${name}`));
  expect(unnamed).toEqual([]);
});
