import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/t.ts';
import { renderTemplate } from '../../src/server/mail/templates.ts';
import { newToken } from '../../src/server/opt-out/tokens.ts';

const context = { siteUrl: 'https://clearshare.example', schemeName: 'Clearshare' };

describe('emails to people who asked for updates', () => {
  const confirmToken = newToken();
  const manageToken = newToken();

  it('the confirmation email links to the confirm page and carries one-click unsubscribe (RFC 8058)', () => {
    const email = renderTemplate('subscription-confirm', { confirmToken, manageToken }, context);
    const unsubscribe = `https://clearshare.example/api/updates/unsubscribe?token=${manageToken}`;
    expect(email.text).toContain(`https://clearshare.example/api/updates/confirm?token=${confirmToken}`);
    expect(email.text).toContain(`https://clearshare.example/api/updates/manage?token=${manageToken}`);
    expect(email.text).toContain(unsubscribe);
    expect(email.text).toContain('7 days');
    expect(email.headers).toEqual({
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('the "already signed up" email has the manage link and the same headers, and nothing to track', () => {
    const email = renderTemplate('subscription-already', { manageToken }, context);
    expect(email.text).toContain(`/api/updates/manage?token=${manageToken}`);
    expect(email.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    // Plain text only: no image to count opens, and each link is the page itself.
    expect(email.text).not.toMatch(/<img|utm_|[?&](?!token=)[a-z]+=/i);
  });

  it('a Polish subscriber gets the email in Polish, and each link keeps the language for the page it opens', () => {
    const email = renderTemplate('subscription-confirm', { confirmToken, manageToken, lang: 'pl' }, context);
    expect(email.subject).toBe(t('subscriptions.email.confirmSubject', { scheme: 'Clearshare' }, 'pl'));
    expect(email.subject).not.toBe(t('subscriptions.email.confirmSubject', { scheme: 'Clearshare' }, 'en'));
    const unsubscribe = `https://clearshare.example/api/updates/unsubscribe?token=${manageToken}&lang=pl`;
    expect(email.text).toContain(`https://clearshare.example/api/updates/confirm?token=${confirmToken}&lang=pl`);
    expect(email.text).toContain(`https://clearshare.example/api/updates/manage?token=${manageToken}&lang=pl`);
    expect(email.text).toContain(unsubscribe);
    expect(email.headers?.['List-Unsubscribe']).toBe(`<${unsubscribe}>`);
    // The language is the only thing added to a link: nothing that could track a click.
    expect(email.text).not.toMatch(/[?&](?!token=|lang=)[a-z]+=/i);
  });

  it('an Urdu subscriber gets a weekly digest in Urdu', () => {
    const items = JSON.stringify([{ slug: 'new-partner', title: 'A new partner', summary: 'Kelham Hospice joins.' }]);
    const email = renderTemplate('update-digest', { items, manageToken, lang: 'ur' }, context);
    expect(email.subject).toBe(t('subscriptions.email.digestSubject', { scheme: 'Clearshare' }, 'ur'));
    expect(email.text).toContain(t('subscriptions.email.digestBody', { scheme: 'Clearshare', items: '' }, 'ur').trim());
    expect(email.text).toContain(`/api/updates/manage?token=${manageToken}&lang=ur`);
  });

  it('refuses to queue or send a token that is not one of ours', () => {
    expect(() => renderTemplate('subscription-already', { manageToken: 'short' }, context)).toThrow();
  });
});
