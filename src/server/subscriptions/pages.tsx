import type { ReactNode } from 'react';
import { UNCONFIRMED_SUBSCRIPTION_DAYS } from '../../domain/subscriptions.ts';
import { Button } from '../../forms/components/index.ts';
import { SubscribeForm } from '../../forms/subscriptions/SubscribeForm.tsx';
import type { FieldError } from '../../forms/validation.ts';
import { withLanguage } from '../../i18n/request-language.ts';
import { type Language, t } from '../../i18n/t.ts';
import type { SubscribeFormValues } from '../../schemas/forms/subscription.ts';
import { pathIn } from '../../utils/language-paths.ts';
import { renderPage } from '../http/page.ts';

/** Where each page is drawn: the site's shell, in the resident's language. */
export interface PageContext {
  staticDir: string;
  lang: Language;
}

const DAYS = String(UNCONFIRMED_SUBSCRIPTION_DAYS);
/** A link from one of these pages keeps its language, so the next page is in it too (no hidden field on a link). */
const withToken = (path: string, token: string, lang: Language) => withLanguage(`${path}?token=${token}`, lang);

function page(context: PageContext, title: string, children: ReactNode, status = 200, errors = false) {
  return renderPage({
    title: errors ? `${t('forms.errorTitlePrefix', {}, context.lang)}${title}` : title,
    status,
    staticDir: context.staticDir,
    lang: context.lang,
    body: (
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    ),
  });
}

/** The sign-up form again (no JavaScript): the error summary, each message by its field, what was typed kept. */
export function subscribeFormWithErrors(
  context: PageContext,
  values: SubscribeFormValues,
  errors: readonly FieldError[],
) {
  return page(
    context,
    t('subscriptions.page.title', {}, context.lang),
    <SubscribeForm
      action="/api/updates/subscribe"
      submitLabel={t('subscriptions.form.submit', {}, context.lang)}
      values={values}
      errors={errors}
      summaryErrors={errors}
      idempotencyKey={crypto.randomUUID()}
    />,
    422,
    true,
  );
}

/** After a sign-up: the same words whether or not the address was already on the list. */
export function checkEmailPage(context: PageContext) {
  return page(
    context,
    t('subscriptions.check.title', {}, context.lang),
    <>
      <p>{t('subscriptions.check.body', {}, context.lang)}</p>
      <p>{t('subscriptions.check.expiry', { days: DAYS }, context.lang)}</p>
      <p>{t('subscriptions.check.none', {}, context.lang)}</p>
    </>,
  );
}

/**
 * A button, not an action on opening: mail scanners open links in emails, and an update list
 * needs its owner's own "yes" (double opt-in), not a scanner's visit.
 */
export function buttonPage(context: PageContext, kind: 'confirm' | 'unsubscribe', token: string): Promise<Response> {
  return page(
    context,
    t(`subscriptions.${kind}.title`, {}, context.lang),
    <>
      <p>{t(`subscriptions.${kind}.body`, {}, context.lang)}</p>
      <form action={withToken(`/api/updates/${kind}`, token, context.lang)} method="post">
        <Button>{t(`subscriptions.${kind}.button`, {}, context.lang)}</Button>
      </form>
    </>,
  );
}

/** The link to change choices, on the pages a subscriber reaches from an email. */
const manageLink = (token: string, text: string, lang: Language) => (
  <p>
    <a href={withToken('/api/updates/manage', token, lang)}>{text}</a>
  </p>
);

export function confirmedPage(context: PageContext, manageToken: string) {
  return page(
    context,
    t('subscriptions.confirmed.title', {}, context.lang),
    <>
      <p>{t('subscriptions.confirmed.body', {}, context.lang)}</p>
      {manageLink(manageToken, t('subscriptions.manage.title', {}, context.lang), context.lang)}
    </>,
  );
}

/** The manage link's page: the choices to change, and a way to stop everything. No address is shown. */
export function managePage(
  context: PageContext,
  token: string,
  values: SubscribeFormValues,
  errors: readonly FieldError[] = [],
) {
  return page(
    context,
    t('subscriptions.manage.title', {}, context.lang),
    <>
      <p>{t('subscriptions.manage.lead', {}, context.lang)}</p>
      <SubscribeForm
        action={withToken('/api/updates/manage', token, context.lang)}
        submitLabel={t('subscriptions.manage.submit', {}, context.lang)}
        values={values}
        errors={errors}
        summaryErrors={errors}
      />
      <h2>{t('subscriptions.manage.stopHeading', {}, context.lang)}</h2>
      <p>
        <a href={withToken('/api/updates/unsubscribe', token, context.lang)}>
          {t('subscriptions.manage.stopLink', {}, context.lang)}
        </a>
      </p>
    </>,
    errors.length > 0 ? 422 : 200,
    errors.length > 0,
  );
}

export function savedPage(context: PageContext, token: string) {
  return page(
    context,
    t('subscriptions.saved.title', {}, context.lang),
    <>
      <p>{t('subscriptions.saved.body', {}, context.lang)}</p>
      {manageLink(token, t('subscriptions.saved.manageLink', {}, context.lang), context.lang)}
    </>,
  );
}

export function unsubscribedPage(context: PageContext) {
  return page(
    context,
    t('subscriptions.unsubscribed.title', {}, context.lang),
    <>
      <p>{t('subscriptions.unsubscribed.body', {}, context.lang)}</p>
      <p>
        <a href={pathIn(context.lang, '/updates/subscribe/')}>
          {t('subscriptions.unsubscribed.again', {}, context.lang)}
        </a>
      </p>
    </>,
  );
}

/** An unknown, used or expired link: said plainly, with the way back, and nothing about anyone. */
export function invalidLinkPage(context: PageContext) {
  return page(
    context,
    t('subscriptions.invalidLink.title', {}, context.lang),
    <>
      <p>{t('subscriptions.invalidLink.body', { days: DAYS }, context.lang)}</p>
      <p>
        <a href={pathIn(context.lang, '/updates/subscribe/')}>
          {t('subscriptions.invalidLink.again', {}, context.lang)}
        </a>
      </p>
    </>,
    404,
  );
}
