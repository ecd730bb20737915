import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LanguageScope } from '../../src/forms/LanguageScope.tsx';
import { OptOutFormView } from '../../src/forms/opt-out/OptOutFormView.tsx';
import { currentLanguage } from '../../src/i18n/languages.ts';
import { t } from '../../src/i18n/t.ts';

const Probe = () => <i>{currentLanguage()}</i>;

describe('a form rendered in a language, as Astro renders islands at build time', () => {
  it('speaks the language inside the scope and gives the previous one back after it', () => {
    const html = renderToStaticMarkup(
      <>
        <Probe />
        <LanguageScope lang="ur">
          <Probe />
        </LanguageScope>
        <Probe />
      </>,
    );
    expect(html).toBe('<i>en</i><i>ur</i><i>en</i>');
    // The next page built starts in English.
    expect(currentLanguage()).toBe('en');
  });

  it('renders the Urdu opt-out form with its language posted and its labels in Urdu', () => {
    const html = renderToStaticMarkup(
      <LanguageScope lang="ur">
        <OptOutFormView />
      </LanguageScope>,
    );
    expect(html).toContain('<input type="hidden" name="lang" value="ur"/>');
    expect(html).toContain(t('optOut.who.legend', {}, 'ur'));
    expect(html).not.toContain(t('optOut.who.legend'));
    // English forms post no language field: a post without one is answered in English.
    expect(renderToStaticMarkup(<OptOutFormView />)).not.toContain('name="lang"');
  });
});
