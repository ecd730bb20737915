import { type Env, publicUrl } from '../env.ts';

/** Thrown when the command line cannot tell where staff open the site. */
export class StaffLinkAddressError extends Error {
  override name = 'StaffLinkAddressError';
}

/**
 * Where a set-up link printed by `npm run staff` points. The command runs in a shell of its own,
 * so it cannot see what port the server was started on: a link built from the default port
 * (4321) silently pointed at nothing whenever the site ran elsewhere. So: the staff address when
 * the back office has its own (STAFF_ORIGIN: staff paths answer 404 anywhere else), else
 * PUBLIC_URL, else the local server only when its PORT is given; otherwise a plain-words refusal.
 */
export function staffLinkBase(env: Env, variables: Record<string, string | undefined> = process.env): string {
  if (env.STAFF_ORIGIN) return env.STAFF_ORIGIN.replace(/\/$/, '');
  if (env.PUBLIC_URL || variables['PORT']) return publicUrl(env);
  throw new StaffLinkAddressError(
    'Set PUBLIC_URL to the address the site runs at, for example PUBLIC_URL=http://localhost:4321 npm run staff -- add …, so the set-up link points at it.',
  );
}
