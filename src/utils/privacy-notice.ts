import { UNCONFIRMED_SUBSCRIPTION_DAYS } from '../domain/subscriptions.ts';
import { t } from '../i18n/t.ts';
import type { OrganisationData } from '../schemas/organisation.ts';
import type { WebsiteForm } from '../schemas/privacy.ts';
import type { SettingsData } from '../schemas/settings.ts';

/** One form's entry in "What this website collects". */
export interface WebsiteFormSection {
  form: WebsiteForm;
  /** The heading id, so other pages (the contact form's "how long we keep it") can link to it. */
  id: string;
  heading: string;
  collects: string;
  purpose: string;
  lawfulBasis: string;
  /** Sentences on how long it is kept, from `settings.retention`: the periods the deletion job works to. */
  keep: string[];
  /** Ids of the processors that handle it (the schema checks each names one in `websiteData.processors`). */
  processors: string[];
}

/**
 * The privacy notice's second layer: what each form on this website collects
 * (src/pages/privacy-notice/website.astro). The notice links to it rather than holding it, so the
 * notice itself fits a phone's first round trip (issue 20).
 */
export const WEBSITE_DATA_PATH = '/privacy-notice/website/';

/**
 * The privacy notice's second layer on the partners: each joint controller with its contact details,
 * and what each kind of partner shares (src/pages/privacy-notice/partners.astro).
 */
export const PARTNERS_PATH = '/privacy-notice/partners/';

/** The anchor of one form's section on the website data page. */
export const websiteFormAnchor = (form: WebsiteForm) => `website-${form}`;

/** The address of one form's section on the website data page, for the form's own page to link to. */
export const websiteFormLink = (form: WebsiteForm) => `${WEBSITE_DATA_PATH}#${websiteFormAnchor(form)}`;

/** Forms that send email keep it for `sentEmailDays`, so their retention says so too. */
const SENDS_EMAIL: ReadonlySet<WebsiteForm> = new Set(['opt-out', 'contact', 'email-updates']);

/**
 * How long each form's details are kept, worded from the retention settings: the notice states
 * the same numbers the retention job (src/server/retention.ts) deletes by, so they cannot differ.
 */
function keepSentences(form: WebsiteForm, retention: SettingsData['retention']): string[] {
  const own = {
    'opt-out': () =>
      t('privacy.website.keep.opt-out', {
        appliedDays: retention.appliedOptOutDays,
        endedDays: retention.endedOptOutDays,
      }),
    contact: () => t('privacy.website.keep.contact', { closedDays: retention.closedFeedbackDays }),
    'page-helpful': () => t('privacy.website.keep.page-helpful', { commentDays: retention.pageCommentDays }),
    'email-updates': () => t('privacy.website.keep.email-updates', { unconfirmedDays: UNCONFIRMED_SUBSCRIPTION_DAYS }),
    consultation: () => t('privacy.website.keep.consultation', { answerDays: retention.consultationAnswerDays }),
  }[form]();
  return SENDS_EMAIL.has(form)
    ? [own, t('privacy.website.keep.emails', { emailDays: retention.sentEmailDays })]
    : [own];
}

/** "What this website collects", one section per form, generated from the settings. */
export function websiteFormSections(settings: SettingsData): WebsiteFormSection[] {
  return settings.websiteData.forms.map((entry) => ({
    form: entry.form,
    id: websiteFormAnchor(entry.form),
    heading: t(`privacy.website.form.${entry.form}`),
    collects: entry.collects,
    purpose: entry.purpose,
    lawfulBasis: entry.lawfulBasis,
    keep: keepSentences(entry.form, settings.retention),
    processors: entry.processors,
  }));
}

/** The kinds of organisation on /organisations/ not in `present`, each once, sorted. */
function typesMissing(organisations: Pick<OrganisationData, 'type'>[], present: Set<string>) {
  return [...new Set(organisations.map((o) => o.type))].filter((type) => !present.has(type)).sort();
}

/** Kinds of organisation on /organisations/ that no controller entry covers: each is a gap in the notice. */
export function uncoveredOrganisationTypes(
  settings: SettingsData,
  organisations: Pick<OrganisationData, 'type'>[],
): OrganisationData['type'][] {
  return typesMissing(organisations, new Set(settings.dataControllers.flatMap((c) => c.covers)));
}

/** Kinds of organisation on /organisations/ with no row in the per-partner table. */
export function organisationTypesWithoutSharingRow(
  settings: SettingsData,
  organisations: Pick<OrganisationData, 'type'>[],
): OrganisationData['type'][] {
  return typesMissing(organisations, new Set(settings.partnerSharing.map((row) => row.type)));
}
