import { z } from 'zod';
import { UNCONFIRMED_SUBSCRIPTION_DAYS } from '../../domain/subscriptions.ts';
import { withLanguage } from '../../i18n/request-language.ts';
import { type Language, t } from '../../i18n/t.ts';
import { defineTemplate, language, type RenderContext, type RenderedEmail, token } from '../mail/define-template.ts';

/**
 * The link that stops every update at once: the target of List-Unsubscribe and of the body's link.
 * Each link carries the subscriber's language (not English: `?lang=`), so the page it opens speaks it.
 */
export const unsubscribeUrl = (siteUrl: string, manageToken: string, lang: Language) =>
  withLanguage(`${siteUrl}/api/updates/unsubscribe?token=${manageToken}`, lang);
export const manageUrl = (siteUrl: string, manageToken: string, lang: Language) =>
  withLanguage(`${siteUrl}/api/updates/manage?token=${manageToken}`, lang);

/**
 * What every email to a subscriber carries: the manage and unsubscribe links at the foot, and the
 * one-click unsubscribe headers of RFC 8058 (rfc-editor.org/rfc/rfc8058). A mail provider that
 * shows an "Unsubscribe" button POSTs "List-Unsubscribe=One-Click" to the https address, which
 * stops the updates with no other step. Only an https address is offered, no mailto: nothing
 * reads the scheme's inbox automatically, so an emailed request would wait for a person. Links are
 * plain, with nothing added to count clicks, and the text has no images, so nothing tracks opening.
 */
export function subscriberEmail(
  message: { subject: string; text: string },
  { manageToken, lang }: { manageToken: string; lang: Language },
  { siteUrl }: RenderContext,
): RenderedEmail {
  const unsubscribe = unsubscribeUrl(siteUrl, manageToken, lang);
  return {
    subject: message.subject,
    text: `${message.text}${t('subscriptions.email.footer', { manage: manageUrl(siteUrl, manageToken, lang), unsubscribe }, lang)}`,
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** Email update templates; none holds the address or anything else about the person. */
export const subscriptionTemplates = {
  /** Double opt-in: nothing is sent to a new address until its owner opens this link. */
  'subscription-confirm': defineTemplate({
    params: z.object({ confirmToken: token(), manageToken: token(), lang: language() }),
    render: (params, context) =>
      subscriberEmail(
        {
          subject: t('subscriptions.email.confirmSubject', { scheme: context.schemeName }, params.lang),
          text: t(
            'subscriptions.email.confirmBody',
            {
              scheme: context.schemeName,
              link: withLanguage(`${context.siteUrl}/api/updates/confirm?token=${params.confirmToken}`, params.lang),
              days: String(UNCONFIRMED_SUBSCRIPTION_DAYS),
            },
            params.lang,
          ),
        },
        params,
        context,
      ),
  }),
  /**
   * A confirmed address signed up again: its owner is told, and nothing changes. The page shown to
   * whoever filled in the form is the same either way, so it never says whether an address is on the list.
   */
  'subscription-already': defineTemplate({
    params: z.object({ manageToken: token(), lang: language() }),
    render: (params, context) =>
      subscriberEmail(
        {
          subject: t('subscriptions.email.alreadySubject', { scheme: context.schemeName }, params.lang),
          text: t('subscriptions.email.alreadyBody', { scheme: context.schemeName }, params.lang),
        },
        params,
        context,
      ),
  }),
};
