import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followUpToken, readFollowUpToken } from '../../src/server/feedback/page-helpful-store.ts';
import { testKeyring } from '../support/stores.ts';

// Spy on the constant-time comparison while keeping every other export real.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

describe('the token that lets a person add a comment to their own "was this page helpful" vote', () => {
  const keyring = testKeyring();
  afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

  it('opens the vote it was issued for', () => {
    expect(readFollowUpToken(keyring, followUpToken(keyring, 42))).toBe(42);
  });

  it('refuses a forged or altered token, and never opens another vote by counting ids', () => {
    const token = followUpToken(keyring, 42);
    const flipped = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    expect(readFollowUpToken(keyring, flipped)).toBeUndefined();
    expect(readFollowUpToken(keyring, token.replace(/^42\./, '43.'))).toBeUndefined();
    expect(readFollowUpToken(keyring, '42.not-hex')).toBeUndefined();
  });

  it('is compared in constant time, so response times do not reveal the right token a character at a time', () => {
    const token = followUpToken(keyring, 7);
    readFollowUpToken(keyring, `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`);
    expect(crypto.timingSafeEqual).toHaveBeenCalled();
  });
});
