import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { StaffRole } from '../../../domain/staff.ts';
import { t } from '../../../i18n/t.ts';
import { addNonce, functionPageHeaders, newNonce } from '../../http/security-headers.ts';
import { log } from '../../log.ts';
import { navigationFor } from '../navigation.ts';
import type { StaffRoute } from '../route-table.ts';
import { StaffLayout } from './StaffLayout.tsx';

/**
 * Renders a staff page into the staff shell the site build emits (dist/staff-shell/index.html:
 * the site's compiled styles and the idle-warning script), so staff pages look like the site
 * without a second hand-kept copy of its <head>. The body is the React StaffLayout.
 */
const shells = new Map<string, Promise<string>>();

/** Used only when the site has not been built (unit tests): plain, unstyled, still valid HTML. */
const BARE_SHELL =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>&lt;!--staff:title--&gt;</title></head><body><!--staff:body--></body></html>';

function loadShell(staticDir: string, allowBare: boolean): Promise<string> {
  const file = resolve(staticDir, 'staff-shell', 'index.html');
  let shell = shells.get(file);
  if (!shell) {
    shell = readFile(file, 'utf8').catch((error: unknown) => {
      shells.delete(file);
      if (allowBare) return BARE_SHELL;
      log.error('The staff page shell is missing: run the site build first', { file });
      throw new Error(`The staff page shell ${file} is missing: run the site build first`, { cause: error });
    });
    shells.set(file, shell);
  }
  return shell;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Headers on every staff response: never cached, never framed, never leaks its URL. */
export const STAFF_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
};

export interface StaffPageOptions {
  title: string;
  body: ReactElement;
  status?: number;
  staticDir: string;
  /** Bare shell instead of an error when the build is missing (tests only). */
  allowBareShell: boolean;
  currentPath: string;
  routes: readonly StaffRoute[];
  staff?: { name: string; roles: readonly StaffRole[] } | undefined;
  csrfToken?: string | undefined;
}

export async function renderStaffPage(options: StaffPageOptions): Promise<Response> {
  const shell = await loadShell(options.staticDir, options.allowBareShell);
  const nav = options.staff ? navigationFor(options.routes, options.staff.roles) : [];
  const body = renderToStaticMarkup(
    createElement(StaffLayout, {
      staff: options.staff,
      nav,
      csrfToken: options.csrfToken,
      currentPath: options.currentPath,
      main: options.body,
    }),
  );
  const nonce = newNonce();
  const html = addNonce(shell, nonce)
    // Replacer functions: a "$`" in a name or a reference query must not pull in the shell's scripts.
    .replace('&lt;!--staff:title--&gt;', () => escapeHtml(t('staffAuth.layout.title', { title: options.title })))
    .replace('<!--staff:body-->', () => body);
  return new Response(html, {
    status: options.status ?? 200,
    // The staff headers win where they are stricter (no referrer at all).
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...functionPageHeaders(nonce), ...STAFF_HEADERS },
  });
}
