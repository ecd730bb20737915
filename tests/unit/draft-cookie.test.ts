import { describe, expect, it } from 'vitest';
import { draftCookie, draftToken } from '../../src/server/opt-out/http.ts';
import { newToken } from '../../src/server/opt-out/tokens.ts';

/**
 * The opt-out draft cookie points at an encrypted draft holding an NHS number and evidence
 * (issue 15, item 9). Behind a proxy that ends TLS the request reaches the server as http://,
 * and the cookie lost Secure there. It is now always `__Host-`: Secure, Path=/ and no Domain,
 * which browsers enforce, so it is never sent over plain HTTP nor set by a neighbouring host.
 */
describe('the draft cookie', () => {
  const token = newToken();
  const attributes = (cookie: string) => cookie.split(';').map((part) => part.trim());

  it('is Secure and __Host- whatever scheme the request came by (a proxy that ends TLS forwards http://)', () => {
    const cookie = draftCookie(token);
    expect(cookie.startsWith(`__Host-optout_draft=${token};`)).toBe(true);
    expect(attributes(cookie)).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']));
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('is cleared under the same name and attributes, so the browser replaces it', () => {
    const cleared = draftCookie(null);
    expect(attributes(cleared)).toEqual(
      expect.arrayContaining(['__Host-optout_draft=', 'Secure', 'Path=/', 'Max-Age=0']),
    );
  });

  it('is read only under its __Host- name: a plain optout_draft cookie (which any host could set) is ignored', () => {
    const read = (cookie: string) => draftToken(new Request('https://site.example/', { headers: { cookie } }));
    expect(read(`__Host-optout_draft=${token}`)).toBe(token);
    expect(read(`a=b; __Host-optout_draft=${token}`)).toBe(token);
    expect(read(`optout_draft=${token}`)).toBeUndefined();
  });
});
