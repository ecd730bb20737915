import type { Language } from '../i18n/languages.ts';
import { type MessageKey, t } from '../i18n/t.ts';
import { pathIn } from './language-paths.ts';

/**
 * The site's menu (SiteHeader) and footer links (SiteFooter): each English path with the UI string
 * that names it. A reader on a Polish or Urdu page gets the names in their language and links to
 * that language's pages, so a menu never drops them back into English.
 */
export interface NavLink {
  href: string;
  text: string;
}

type LinkList = readonly (readonly [path: string, key: MessageKey])[];

export const MENU_LINKS: LinkList = [
  ['/what-is-the-shared-care-record/', 'nav.whatIsIt'],
  ['/your-choices/', 'nav.yourChoices'],
  ['/myths/', 'nav.myths'],
  ['/faqs/', 'nav.faqs'],
  ['/opt-out/', 'nav.optOut'],
  ['/contact/', 'nav.contact'],
  ['/search/', 'nav.search'],
];

export const FOOTER_LINKS: LinkList = [
  ['/privacy-notice/', 'footer.privacy'],
  ['/accessibility-statement/', 'footer.accessibility'],
  ['/contact/', 'footer.contact'],
  ['/organisations/', 'footer.organisations'],
  ['/governance/', 'footer.governance'],
  ['/easy-read/', 'footer.easyRead'],
  ['/updates/', 'site.footer.updates'],
  ['/events/', 'site.footer.events'],
  ['/stories/', 'site.footer.stories'],
  ['/you-said-we-did/', 'youSaidWeDid.footerLink'],
  ['/transparency/', 'transparency.footerLink'],
];

/** The links in the reader's language, each pointing at that language's page. */
export function navLinks(links: LinkList, lang: Language): NavLink[] {
  return links.map(([path, key]) => ({ href: pathIn(lang, path), text: t(key, {}, lang) }));
}
