import { generate } from 'otplib';
import { describe, expect, test } from 'vitest';
import { loadEnv } from '../../src/server/env.ts';
import { FAILURES_BEFORE_LOCK, lockDurationMs } from '../../src/server/staff/auth/lockout.ts';
import {
  hashPassword,
  lowerScryptCostForTests,
  needsRehash,
  PASSWORD_MAX_LENGTH,
  passwordProblem,
  verifyPassword,
} from '../../src/server/staff/auth/passwords.ts';
import { checkTotp, groupedSecret, newTotpSecret } from '../../src/server/staff/auth/totp.ts';
import { staffClock, TEST_CLOCK_HEADER } from '../../src/server/staff/test-clock.ts';

describe('choosing a password', () => {
  test('a long passphrase of any characters is fine: no composition rules', () => {
    expect(passwordProblem('correct lantern harbour seventeen')).toBeUndefined();
    expect(passwordProblem('ünïcödé pässwörd 🙂 ok')).toBeUndefined();
    expect(passwordProblem(`${'a'.repeat(6)}${'b'.repeat(6)}cdefgh`)).toBeUndefined();
  });

  test('too short, too long and empty are refused; 64 and more characters are allowed', () => {
    expect(passwordProblem('')).toBe('missing');
    expect(passwordProblem('short pass1')).toBe('too-short');
    const sixtyFour = 'the quick brown fox jumps over the lazy dog, then naps till 4 pm';
    expect([...sixtyFour].length).toBe(64);
    expect(passwordProblem(sixtyFour)).toBeUndefined();
    expect(passwordProblem(`${sixtyFour} and then wakes up for tea at half past five`)).toBeUndefined();
    expect(passwordProblem('z'.repeat(PASSWORD_MAX_LENGTH + 1))).toBe('too-long');
  });

  test('common and breached passwords are refused, even padded with digits or in capitals', () => {
    expect(passwordProblem('passwordpassword')).toBe('common');
    expect(passwordProblem('PASSWORD12345678')).toBe('common');
    expect(passwordProblem('qwertyuiop123')).toBe('common');
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toBe('common');
    expect(passwordProblem('abcabcabcabcabc')).toBe('common');
  });

  test('words about this service are refused anywhere in a password', () => {
    expect(passwordProblem('my Clear-Share login 2026')).toBe('common');
    expect(passwordProblem('ashby and wyre forever')).toBe('common');
  });

  test('a password containing the account’s own email name is refused', () => {
    expect(passwordProblem('jo.bloggs-at-work-2026', { email: 'jo.bloggs@staff.example' })).toBe('common');
  });
});

describe('password hashing', () => {
  test('scrypt with a salt per password and the parameters in the stored string', async () => {
    const a = await hashPassword('quiet harbour lantern');
    const b = await hashPassword('quiet harbour lantern');
    // OWASP's minimum for scrypt: N=2^17, r=8, p=1.
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('quiet harbour lantern', a)).toBe(true);
    expect(await verifyPassword('quiet harbour lanterns', a)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
    expect(needsRehash(a)).toBe(false);
    expect(needsRehash(a.replace('$131072$', '$32768$'))).toBe(true);
  });

  test('the test-only low cost cannot be chosen outside Vitest under NODE_ENV=test', () => {
    const saved = { vitest: process.env['VITEST'], nodeEnv: process.env['NODE_ENV'] };
    try {
      process.env['VITEST'] = '';
      expect(() => lowerScryptCostForTests(true)).toThrow('for tests only');
      process.env['VITEST'] = saved.vitest;
      process.env['NODE_ENV'] = 'production';
      expect(() => lowerScryptCostForTests(true)).toThrow('for tests only');
    } finally {
      process.env['VITEST'] = saved.vitest;
      process.env['NODE_ENV'] = saved.nodeEnv;
    }
  });

  test('a hash made with older, weaker parameters still checks', async () => {
    const weaker = (await hashPassword('quiet harbour lantern')).split('$');
    // Re-derive with N=2^14 by hand, as a hash stored before the parameters were raised.
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from(weaker[4] ?? '', 'base64url');
    const key = scryptSync('quiet harbour lantern', salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const old = ['scrypt', 16384, 8, 1, weaker[4], key.toString('base64url')].join('$');
    expect(await verifyPassword('quiet harbour lantern', old)).toBe(true);
  });
});

describe('authenticator codes', () => {
  const secret = newTotpSecret();
  const at = new Date('2026-11-02T09:00:10Z');
  const code = (offsetSeconds: number) => generate({ secret, epoch: at.getTime() / 1000 + offsetSeconds });

  test('the current code and one step either side are accepted; further away is not', async () => {
    expect(await checkTotp(secret, await code(0), { now: at, lastStep: null })).toBe(Math.floor(at.getTime() / 30_000));
    expect(await checkTotp(secret, await code(-30), { now: at, lastStep: null })).toBeDefined();
    expect(await checkTotp(secret, await code(30), { now: at, lastStep: null })).toBeDefined();
    expect(await checkTotp(secret, await code(-90), { now: at, lastStep: null })).toBeUndefined();
    expect(await checkTotp(secret, await code(90), { now: at, lastStep: null })).toBeUndefined();
  });

  test('a code cannot be replayed: a step at or before the last one used is refused', async () => {
    const step = await checkTotp(secret, await code(0), { now: at, lastStep: null });
    expect(step).toBeDefined();
    expect(await checkTotp(secret, await code(0), { now: at, lastStep: step ?? 0 })).toBeUndefined();
    expect(await checkTotp(secret, await code(-30), { now: at, lastStep: step ?? 0 })).toBeUndefined();
    expect(await checkTotp(secret, await code(30), { now: at, lastStep: step ?? 0 })).toBe((step ?? 0) + 1);
  });

  test('spaces are ignored and anything but 6 digits is refused', async () => {
    const six = await code(0);
    expect(await checkTotp(secret, `${six.slice(0, 3)} ${six.slice(3)}`, { now: at, lastStep: null })).toBeDefined();
    expect(await checkTotp(secret, 'abcdef', { now: at, lastStep: null })).toBeUndefined();
    expect(await checkTotp(secret, '12345', { now: at, lastStep: null })).toBeUndefined();
  });

  test('the secret is written out in groups of four for typing by hand', () => {
    expect(groupedSecret('ABCDEFGHIJKLMNOPQR')).toBe('ABCD EFGH IJKL MNOP QR');
  });
});

describe('lock-out', () => {
  test('nothing until 20 failures, then 15 minutes, doubling, at most a day', () => {
    expect(FAILURES_BEFORE_LOCK).toBe(20);
    expect(lockDurationMs(FAILURES_BEFORE_LOCK - 1)).toBe(0);
    expect(lockDurationMs(FAILURES_BEFORE_LOCK)).toBe(15 * 60 * 1000);
    expect(lockDurationMs(FAILURES_BEFORE_LOCK + 1)).toBe(30 * 60 * 1000);
    expect(lockDurationMs(FAILURES_BEFORE_LOCK + 20)).toBe(24 * 60 * 60 * 1000);
  });
});

describe('the test clock for staff sessions', () => {
  const request = new Request('http://local/staff/', { headers: { [TEST_CLOCK_HEADER]: '2030-01-01T00:00:00Z' } });

  test('is refused at start-up outside NODE_ENV=test', () => {
    expect(() => loadEnv({ NODE_ENV: 'development', STAFF_TEST_CLOCK: 'allow' })).toThrow(/STAFF_TEST_CLOCK/);
    expect(() =>
      loadEnv({
        NODE_ENV: 'production',
        STAFF_TEST_CLOCK: 'allow',
        DATABASE_URL: 'postgres://x@y/z',
        SMTP_URL: 'smtp://x',
        FIELD_ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}`,
        LOOKUP_HMAC_KEY: Buffer.alloc(32).toString('base64'),
      }),
    ).toThrow(/STAFF_TEST_CLOCK/);
  });

  test('the header is ignored unless the flag is set under NODE_ENV=test', () => {
    expect(staffClock(loadEnv({ NODE_ENV: 'test' }), request)().getUTCFullYear()).not.toBe(2030);
    expect(staffClock(loadEnv({ NODE_ENV: 'development' }), request)().getUTCFullYear()).not.toBe(2030);
    expect(staffClock(loadEnv({ NODE_ENV: 'test', STAFF_TEST_CLOCK: 'allow' }), request)().getUTCFullYear()).toBe(2030);
  });
});
