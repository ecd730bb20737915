import type { ReactNode } from 'react';
import { currentLanguage, type Language, setPageLanguage } from '../i18n/languages.ts';

function Restore({ lang }: { lang: Language }) {
  setPageLanguage(lang);
  return null;
}

/**
 * Renders a form in a language. The views call t() deep inside, so the language is set while
 * they render. In the browser a page has one language and keeps it (live validation's messages
 * come later, from the same page). When Astro renders the island at build time, pages are built
 * one after another in one process, so the language is put back after the form's subtree (React
 * renders children in order), and the header and footer of the next page stay in theirs.
 */
export function LanguageScope({ lang, children }: { lang: Language; children: ReactNode }) {
  const previous = currentLanguage();
  setPageLanguage(lang);
  return (
    <>
      {children}
      {typeof document === 'undefined' ? <Restore lang={previous} /> : null}
    </>
  );
}
