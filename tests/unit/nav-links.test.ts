import { describe, expect, it } from 'vitest';
import { translationOf } from '../../src/i18n/t.ts';
import { FOOTER_LINKS, MENU_LINKS, navLinks } from '../../src/utils/nav-links.ts';

describe('the menu and footer links', () => {
  it('send an English reader to the English pages, named in English', () => {
    expect(navLinks(MENU_LINKS, 'en')).toContainEqual({ href: '/myths/', text: 'Myths and facts' });
    expect(navLinks(FOOTER_LINKS, 'en')).toContainEqual({ href: '/privacy-notice/', text: 'Privacy notice' });
  });

  it('keep a Polish reader on Polish pages, named in Polish', () => {
    expect(navLinks(MENU_LINKS, 'pl')).toContainEqual({ href: '/pl/myths/', text: 'Mity i fakty' });
    expect(navLinks(FOOTER_LINKS, 'pl')).toContainEqual({
      href: '/pl/privacy-notice/',
      text: 'Informacja o prywatności',
    });
  });

  it('keep an Urdu reader on Urdu pages, every link in the list order', () => {
    const footer = navLinks(FOOTER_LINKS, 'ur');
    expect(footer.map((link) => link.href)).toEqual(FOOTER_LINKS.map(([path]) => `/ur${path}`));
    expect(footer[0]?.text).toBe('رازداری کا نوٹس');
  });

  // A footer link that fell back to English sat inside <footer lang="pl">, so a screen reader read
  // "Updates" or "Our figures" in a Polish or Urdu voice (WCAG 3.1.2); until 2026-12-07 five did.
  it.each(['pl', 'ur'] as const)('name every link in %s itself, with no English left', (lang) => {
    const own = translationOf(lang);
    const missing = [...MENU_LINKS, ...FOOTER_LINKS].map(([, key]) => key).filter((key) => own[key] === undefined);
    expect(missing).toEqual([]);
  });
});
