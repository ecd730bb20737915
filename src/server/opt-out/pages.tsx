import type { OptOutStatus } from '../../domain/opt-out.ts';
import { CheckAnswersView } from '../../forms/opt-out/CheckAnswersView.tsx';
import { ConfirmationView, MessageView } from '../../forms/opt-out/ConfirmationView.tsx';
import { OptOutFormView } from '../../forms/opt-out/OptOutFormView.tsx';
import { StatusFormView } from '../../forms/opt-out/StatusFormView.tsx';
import { StatusResultView } from '../../forms/opt-out/StatusResultView.tsx';
import { errorsByField, type FieldError } from '../../forms/validation.ts';
import { languagePrefix } from '../../i18n/languages.ts';
import { inLanguage, type Language, t } from '../../i18n/t.ts';
import type { OptOutAnswers } from '../../schemas/forms/opt-out.ts';
import { OPT_OUT_FIELD_ORDER } from '../../schemas/forms/opt-out.ts';
import { type PageOptions, renderPage } from '../http/page.ts';
import type { Services } from '../services.ts';
import type { StatusView } from './status.ts';

/**
 * The opt-out pages the functions answer with, rendered into the site's page shell from the
 * same React components the static pages use. Pages with errors get "Error: " in the title.
 */
type Ctx = Pick<Services, 'env' | 'settings'> & {
  /** The language the resident used (the form's hidden `lang`, or `?lang=`); English by default. */
  lang?: Language;
};
const staticDir = (ctx: Ctx) => ctx.env.STATIC_DIR;
/**
 * Renders one page in the resident's language: titles and props are worked out in it here, and
 * renderPage renders the body in it after loading the shell.
 */
const inLanguageOf = (ctx: Ctx, page: (lang: Language) => Omit<PageOptions, 'staticDir' | 'lang'>) => {
  const lang = ctx.lang ?? 'en';
  return renderPage({ ...inLanguage(lang, () => page(lang)), staticDir: staticDir(ctx), lang });
};
const titled = (title: string, errors: readonly FieldError[]) =>
  errors.length ? `${t('forms.errorTitlePrefix')}${title}` : title;

/** Sorts errors into the order the fields appear on the page (evidence errors come from elsewhere). */
export function inPageOrder(errors: readonly FieldError[]): FieldError[] {
  const rank = (field: string) => {
    const index = (OPT_OUT_FIELD_ORDER as readonly string[]).indexOf(field);
    return index === -1 ? OPT_OUT_FIELD_ORDER.length : index;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

export function formPage(
  ctx: Ctx,
  options: {
    values: Record<string, string>;
    errors: readonly FieldError[];
    evidenceName?: string | null;
    resume?: boolean;
  },
) {
  const errors = inPageOrder(options.errors);
  return inLanguageOf(ctx, () => ({
    title: titled(t('optOut.form.title'), errors),
    status: errors.length ? 422 : 200,
    body: (
      <OptOutFormView
        values={options.values}
        summaryErrors={errors}
        byField={errorsByField(errors)}
        evidenceName={options.evidenceName}
        resume={options.resume ?? false}
      />
    ),
  }));
}

export function checkPage(
  ctx: Ctx,
  options: { answers: OptOutAnswers; evidenceName: string | null; idempotencyKey: string; errors?: FieldError[] },
) {
  const errors = options.errors ?? [];
  return inLanguageOf(ctx, () => ({
    title: titled(t('optOut.check.title'), errors),
    status: errors.length ? 422 : 200,
    body: <CheckAnswersView {...options} errors={errors} />,
  }));
}

export function confirmationPage(ctx: Ctx, options: { reference: string; emailSent: boolean }) {
  return inLanguageOf(ctx, () => ({
    title: t('optOut.confirmation.title'),
    body: (
      <ConfirmationView
        reference={options.reference}
        emailSent={options.emailSent}
        workingDays={ctx.settings.responseTargets.optOutWorkingDays}
      />
    ),
  }));
}

interface MessageOptions {
  title: string;
  lines: string[];
  status?: number;
  link?: { href: string; text: string };
  action?: { url: string; button: string; hidden: Record<string, string> };
}

/** A page of a few lines; pass a function when its text comes from t(), so it is in the resident's language. */
export function messagePage(ctx: Ctx, options: MessageOptions | (() => MessageOptions)) {
  return inLanguageOf(ctx, () => {
    const { status = 200, ...view } = typeof options === 'function' ? options() : options;
    return { title: view.title, status, body: <MessageView {...view} /> };
  });
}

/** The draft has expired or this browser did not keep its cookie: start again, nothing was sent. */
export const draftExpiredPage = (ctx: Ctx) =>
  messagePage(ctx, () => ({
    title: t('optOut.check.expiredTitle'),
    lines: [t('optOut.check.expired')],
    status: 410,
    link: { href: `${languagePrefix(ctx.lang ?? 'en')}/opt-out/form/`, text: t('optOut.form.startAgain') },
  }));

/** An email link that is unknown, expired or for something else. */
export const invalidLinkPage = (ctx: Ctx) =>
  messagePage(ctx, () => ({
    title: t('optOut.link.invalidTitle'),
    lines: [
      t('optOut.link.invalidBody', { phone: ctx.settings.contact.phone, hours: ctx.settings.contact.phoneHours }),
    ],
    status: 404,
    link: { href: `${languagePrefix(ctx.lang ?? 'en')}/opt-out/status/`, text: t('optOut.confirmation.statusLink') },
  }));

/** A withdrawal link opened again after it was used: links work once (issue 15). */
export const usedLinkPage = (ctx: Ctx) =>
  messagePage(ctx, () => ({
    title: t('optOut.link.usedTitle'),
    lines: [t('optOut.link.usedBody', { phone: ctx.settings.contact.phone, hours: ctx.settings.contact.phoneHours })],
    status: 410,
    link: { href: `${languagePrefix(ctx.lang ?? 'en')}/opt-out/status/`, text: t('optOut.confirmation.statusLink') },
  }));

/** A withdrawal link for a request that can no longer be withdrawn (rejected, or withdrawn already). */
export const notWithdrawablePage = (ctx: Ctx, reference: string, status: OptOutStatus) =>
  messagePage(ctx, () => ({
    title: t('optOut.withdraw.notOpenTitle'),
    lines: [
      status === 'rejected'
        ? t('optOut.withdraw.notOpenRejected', { reference })
        : t('optOut.withdraw.notOpenWithdrawn', { reference }),
    ],
    status: 409,
    link: { href: `${languagePrefix(ctx.lang ?? 'en')}/opt-out/status/`, text: t('optOut.confirmation.statusLink') },
  }));

export function statusFormPage(ctx: Ctx, options: { values: Record<string, string>; errors: readonly FieldError[] }) {
  return inLanguageOf(ctx, () => ({
    title: titled(t('optOut.status.title'), options.errors),
    status: options.errors.length ? 422 : 200,
    body: (
      <StatusFormView values={options.values} summaryErrors={options.errors} byField={errorsByField(options.errors)} />
    ),
  }));
}

export function statusResultPage(ctx: Ctx, view: StatusView, withdrawFields: Record<string, string>) {
  return inLanguageOf(ctx, () => ({
    title: t('optOut.status.resultTitle', { reference: view.reference }),
    body: (
      <StatusResultView
        reference={view.reference}
        status={view.status}
        withdrawalRequested={view.withdrawalRequestedAt !== null && view.status !== 'withdrawn'}
        withdrawFields={withdrawFields}
        dates={[
          { key: 'optOut.status.receivedOn', date: view.receivedAt },
          { key: 'optOut.status.contactConfirmedOn', date: view.contactConfirmedAt },
          { key: 'optOut.status.identityCheckedOn', date: view.identityCheckedAt },
          { key: 'optOut.status.appliedOn', date: view.appliedAt },
          { key: 'optOut.status.withdrawalRequestedOn', date: view.withdrawalRequestedAt },
          { key: 'optOut.status.withdrawnOn', date: view.withdrawnAt },
        ]}
      />
    ),
  }));
}
