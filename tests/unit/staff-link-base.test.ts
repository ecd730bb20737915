import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/server/env.ts';
import { staffLinkBase } from '../../src/server/staff/link-base.ts';

/** `npm run staff -- add` prints a set-up link: it must point where staff actually open the site (issue 19, item 4). */
describe('the address in a set-up link printed by the command line', () => {
  const base = (vars: Record<string, string>) => staffLinkBase(loadEnv({ DATA_DIR: '/tmp/x', ...vars }), vars);

  it('uses the configured public address, not port 4321', () => {
    expect(base({ PUBLIC_URL: 'https://record.example/' })).toBe('https://record.example');
  });

  it('uses the staff address when the back office has its own', () => {
    expect(base({ PUBLIC_URL: 'https://record.example', STAFF_ORIGIN: 'https://staff.record.example' })).toBe(
      'https://staff.record.example',
    );
  });

  it('uses the local server only when told its port, and otherwise asks for PUBLIC_URL in plain words', () => {
    expect(base({ PORT: '8080' })).toBe('http://127.0.0.1:8080');
    expect(() => base({})).toThrow(
      'Set PUBLIC_URL to the address the site runs at, for example PUBLIC_URL=http://localhost:4321 npm run staff -- add …, so the set-up link points at it.',
    );
  });
});
