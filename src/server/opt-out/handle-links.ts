import { languagePrefix } from '../../i18n/languages.ts';
import { requestLanguage, withLanguage } from '../../i18n/request-language.ts';
import { t } from '../../i18n/t.ts';
import { BadRequestError, parseSubmission } from '../http/form-request.ts';
import { log } from '../log.ts';
import type { Services } from '../services.ts';
import { depsOf, openServices, unavailable } from './http.ts';
import { invalidLinkPage, messagePage, notWithdrawablePage, usedLinkPage } from './pages.tsx';
import { confirmContact, confirmWithdrawal, findToken } from './status.ts';
import { looksLikeToken } from './tokens.ts';

/**
 * The links in opt-out emails. The token is random and says nothing about anyone.
 * - GET /api/opt-out/confirm?token=…: confirms the contact address (harmless if an email
 *   scanner follows it first: it only proves the message reached that mailbox).
 * - GET /api/opt-out/withdraw/confirm?token=…: a page with a button; the POST does the
 *   withdrawal, so a link scanner following the link cannot opt anyone back in. The link works
 *   once; opened again it says so, and it never withdraws a request staff have rejected.
 */
export async function handleEmailLink(request: Request): Promise<Response> {
  const opened = await openServices(false);
  if (opened instanceof Response) return opened;
  // The emails' links carry ?lang= (the request's language), so these pages answer in it.
  const services = { ...opened, lang: requestLanguage(request) };
  const url = new URL(request.url);
  const token = request.method === 'POST' ? await postedToken(request) : url.searchParams.get('token');
  if (!looksLikeToken(token)) return invalidLinkPage(services);
  try {
    if (!url.pathname.startsWith('/api/opt-out/withdraw/')) return await confirmContactLink(services, token);
    if (request.method !== 'POST') return await withdrawalButton(services, token);
    return await withdraw(services, token);
  } catch (error) {
    return unavailable(false, error, services);
  }
}

/** The token the withdrawal page's button posts back; a body that cannot be read has none. */
async function postedToken(request: Request): Promise<string | null> {
  try {
    const value = (await parseSubmission(request, 4 * 1024)).fields['token'];
    return typeof value === 'string' ? value : null;
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    return null;
  }
}

type LinkServices = Services & { lang: ReturnType<typeof requestLanguage> };

async function confirmContactLink(services: LinkServices, token: string): Promise<Response> {
  const reference = await confirmContact(depsOf(services), token);
  if (!reference) return invalidLinkPage(services);
  log.info('Opt-out contact confirmed', { reference, status: 200 });
  return messagePage(services, () => ({
    title: t('optOut.confirm.doneTitle'),
    lines: [t('optOut.confirm.doneBody', { reference })],
    link: { href: `${languagePrefix(services.lang)}/opt-out/status/`, text: t('optOut.confirmation.statusLink') },
  }));
}

/** Opening the emailed link changes nothing: it shows the button that does. */
async function withdrawalButton(services: LinkServices, token: string): Promise<Response> {
  const found = await findToken(depsOf(services), token, 'withdraw');
  if (!found) return invalidLinkPage(services);
  if (found.usedAt) return usedLinkPage(services);
  return messagePage(services, () => ({
    title: t('optOut.withdraw.confirmTitle'),
    lines: [t('optOut.withdraw.confirmBody', { reference: found.reference })],
    action: {
      url: withLanguage('/api/opt-out/withdraw/confirm', services.lang),
      button: t('optOut.withdraw.confirmButton'),
      hidden: { token },
    },
  }));
}

async function withdraw(services: LinkServices, token: string): Promise<Response> {
  const confirmed = await confirmWithdrawal(depsOf(services), token);
  if (confirmed.outcome === 'invalid') return invalidLinkPage(services);
  if (confirmed.outcome === 'used') return usedLinkPage(services);
  if (confirmed.outcome === 'not-open') {
    log.info('Opt-out withdrawal link refused', { reference: confirmed.reference, status: 409 });
    return notWithdrawablePage(services, confirmed.reference, confirmed.status);
  }
  const { reference } = confirmed;
  log.info('Opt-out withdrawn', { reference, status: 200 });
  return messagePage(services, () => ({
    title: t('optOut.withdraw.doneTitle'),
    lines: [t('optOut.withdraw.doneBody', { reference })],
    link: { href: `${languagePrefix(services.lang)}/opt-out/`, text: t('optOut.start.title') },
  }));
}
