import { describe, expect, it } from 'vitest';
import { describeError, redact } from '../../src/server/log.ts';

describe('logs never carry personal data', () => {
  it('removes email addresses and NHS-number-like digits', () => {
    expect(redact('550 mailbox jo.bloggs+x@example.org unknown')).toBe('550 mailbox [email] unknown');
    expect(redact('lookup 485 777 3457 and 4857773457')).toBe('lookup [number] and [number]');
  });

  it('drops the parameters a failed database query quotes', () => {
    expect(redact('Failed query: insert into people values ($1)\nparams: Ada Lovelace,1815-12-10')).toBe(
      'Failed query: insert into people values ($1)\nparams: [redacted]',
    );
  });

  it('describes an error chain, redacted', () => {
    const error = new Error('could not send', { cause: new Error('rejected a@b.org') });
    expect(describeError(error)).toBe('Error: could not send <- Error: rejected [email]');
  });
});
