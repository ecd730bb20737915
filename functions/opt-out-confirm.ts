import '../src/server/start-check.ts';
import { t } from '../src/i18n/t.ts';
import { BadRequestError, parseSubmission } from '../src/server/http/form-request.ts';
import type { FunctionConfig } from '../src/server/http/function-module.ts';
import { sameOriginOnly } from '../src/server/http/same-origin.tsx';
import { secureFunction } from '../src/server/http/security-headers.ts';
import { log } from '../src/server/log.ts';
import { openServices, unavailable } from '../src/server/opt-out/http.ts';
import { invalidLinkPage, messagePage, notWithdrawablePage, usedLinkPage } from '../src/server/opt-out/pages.tsx';
import { confirmContact, confirmWithdrawal, findToken } from '../src/server/opt-out/status.ts';
import { looksLikeToken } from '../src/server/opt-out/tokens.ts';

/**
 * The links in opt-out emails. The token is random and says nothing about anyone.
 * - GET /api/opt-out/confirm?token=…: confirms the contact address (harmless if an email
 *   scanner follows it first: it only proves the message reached that mailbox).
 * - GET /api/opt-out/withdraw/confirm?token=…: a page with a button; the POST does the
 *   withdrawal, so a link scanner following the link cannot opt anyone back in. The link works
 *   once; opened again it says so, and it never withdraws a request staff have rejected.
 */
async function optOutConfirm(request: Request): Promise<Response> {
  const services = await openServices(false);
  if (services instanceof Response) return services;
  const url = new URL(request.url);
  const withdraw = url.pathname.startsWith('/api/opt-out/withdraw/');
  let token = url.searchParams.get('token');
  if (request.method === 'POST') {
    try {
      const value = (await parseSubmission(request, 4 * 1024)).fields['token'];
      token = typeof value === 'string' ? value : null;
    } catch (error) {
      if (!(error instanceof BadRequestError)) throw error;
      token = null;
    }
  }
  if (!looksLikeToken(token)) return invalidLinkPage(services);
  const deps = { db: services.store.db, keyring: services.keyring, settings: services.settings };
  try {
    if (!withdraw) {
      const reference = await confirmContact(deps, token);
      if (!reference) return invalidLinkPage(services);
      log.info('Opt-out contact confirmed', { reference, status: 200 });
      return messagePage(services, {
        title: t('optOut.confirm.doneTitle'),
        lines: [t('optOut.confirm.doneBody', { reference })],
        link: { href: '/opt-out/status/', text: t('optOut.confirmation.statusLink') },
      });
    }
    if (request.method !== 'POST') {
      const found = await findToken(deps, token, 'withdraw');
      if (!found) return invalidLinkPage(services);
      if (found.usedAt) return usedLinkPage(services);
      return messagePage(services, {
        title: t('optOut.withdraw.confirmTitle'),
        lines: [t('optOut.withdraw.confirmBody', { reference: found.reference })],
        action: { url: '/api/opt-out/withdraw/confirm', button: t('optOut.withdraw.confirmButton'), hidden: { token } },
      });
    }
    const confirmed = await confirmWithdrawal(deps, token);
    if (confirmed.outcome === 'invalid') return invalidLinkPage(services);
    if (confirmed.outcome === 'used') return usedLinkPage(services);
    if (confirmed.outcome === 'not-open') {
      log.info('Opt-out withdrawal link refused', { reference: confirmed.reference, status: 409 });
      return notWithdrawablePage(services, confirmed.reference, confirmed.status);
    }
    const { reference } = confirmed;
    log.info('Opt-out withdrawn', { reference, status: 200 });
    return messagePage(services, {
      title: t('optOut.withdraw.doneTitle'),
      lines: [t('optOut.withdraw.doneBody', { reference })],
      link: { href: '/opt-out/', text: t('optOut.start.title') },
    });
  } catch (error) {
    return unavailable(false, error, services);
  }
}

// Netlify applies no custom headers to function answers: each one carries its own. A post from
// another site is refused before the handler runs (same-origin.tsx).
export default secureFunction(sameOriginOnly(optOutConfirm));

export const config: FunctionConfig = {
  path: ['/api/opt-out/confirm', '/api/opt-out/withdraw/confirm'],
  method: ['GET', 'POST'],
};
