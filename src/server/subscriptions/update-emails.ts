import { z } from 'zod';
import { t } from '../../i18n/t.ts';
import { defineTemplate, language, token } from '../mail/define-template.ts';
import { subscriberEmail } from './emails.ts';

/** An update's address on the site: the email links straight to it, with nothing added to count clicks. */
const updateUrl = (siteUrl: string, slug: string) => `${siteUrl}/updates/${slug}/`;

const slug = () => z.string().regex(/^[a-z0-9][a-z0-9-]*$/);

/** A digest's updates, as JSON in one parameter (template parameters are strings). */
const digestItems = z.array(z.object({ slug: slug(), title: z.string(), summary: z.string() })).min(1);
const parseJson = (value: string): unknown => {
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
};
export type DigestItem = z.infer<typeof digestItems>[number];
export const digestItemsParam = (items: readonly DigestItem[]) => JSON.stringify(items);

/**
 * The emails the sender queues (src/server/subscriptions/send.ts and digest.ts). Each carries the
 * headline and summary as the site shows them, a plain link to the update, and the footer and
 * RFC 8058 headers every subscriber email has. Nothing about the person but their manage token.
 */
export const updateTemplates = {
  /** One update, for an "as it happens" subscriber. */
  'update-notice': defineTemplate({
    params: z.object({ slug: slug(), title: z.string(), summary: z.string(), manageToken: token(), lang: language() }),
    render: (params, context) =>
      subscriberEmail(
        {
          subject: t('subscriptions.email.updateSubject', { title: params.title }, params.lang),
          text: t(
            'subscriptions.email.updateBody',
            {
              scheme: context.schemeName,
              title: params.title,
              summary: params.summary,
              link: updateUrl(context.siteUrl, params.slug),
            },
            params.lang,
          ),
        },
        params,
        context,
      ),
  }),
  /** A week's updates on the subscriber's topics, for a "once a week" subscriber. */
  'update-digest': defineTemplate({
    params: z.object({
      items: z.string().refine((value) => digestItems.safeParse(parseJson(value)).success, 'Not a list of updates'),
      manageToken: token(),
      lang: language(),
    }),
    render: (params, context) => {
      const items = digestItems
        .parse(JSON.parse(params.items))
        .map((item) =>
          t(
            'subscriptions.email.digestItem',
            { title: item.title, summary: item.summary, link: updateUrl(context.siteUrl, item.slug) },
            params.lang,
          ),
        )
        .join('\n');
      return subscriberEmail(
        {
          subject: t('subscriptions.email.digestSubject', { scheme: context.schemeName }, params.lang),
          text: t('subscriptions.email.digestBody', { scheme: context.schemeName, items }, params.lang),
        },
        params,
        context,
      );
    },
  }),
};

/** Templates sent to a subscriber: a permanent refusal of one stops mail to that address (bounces.ts). */
export const SUBSCRIBER_TEMPLATES: ReadonlySet<string> = new Set([
  'subscription-confirm',
  'subscription-already',
  ...Object.keys(updateTemplates),
]);
