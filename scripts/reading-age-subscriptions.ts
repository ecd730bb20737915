import {
  buttonPage,
  checkEmailPage,
  confirmedPage,
  invalidLinkPage,
  managePage,
  savedPage,
  subscribeFormWithErrors,
  unsubscribedPage,
} from '../src/server/subscriptions/pages.tsx';

type PageCheck = (name: string, answer: Promise<Response>, status: number) => Promise<[string, string]>;

/**
 * Every page the email updates routes answer with (src/server/subscriptions/pages.tsx), for the
 * reading-age gate: rendered directly, since each needs a token from an email to reach by request.
 */
export async function subscriptionPages(staticDir: string, page: PageCheck): Promise<[string, string][]> {
  const context = { staticDir, lang: 'en' as const };
  const token = 'A'.repeat(43);
  const every = [
    { field: 'email', message: 'Enter your email address' },
    { field: 'topics', message: 'Select what you want to hear about' },
    { field: 'frequency', message: 'Select how often you want emails' },
  ];
  return Promise.all([
    page('email updates form with every error', subscribeFormWithErrors(context, {}, every), 422),
    page('email updates: check your email', checkEmailPage(context), 200),
    page('email updates: confirm button', buttonPage(context, 'confirm', token), 200),
    page('email updates: started', confirmedPage(context, token), 200),
    page('email updates: change choices', managePage(context, token, { topics: ['events'], frequency: 'weekly' }), 200),
    page('email updates: changes saved', savedPage(context, token), 200),
    page('email updates: stop button', buttonPage(context, 'unsubscribe', token), 200),
    page('email updates: stopped', unsubscribedPage(context), 200),
    page('email updates: link does not work', invalidLinkPage(context), 404),
  ]);
}
