import { useEffect } from 'react';
import { t } from '../../i18n/t.ts';

/**
 * Puts "Error: " before the page title while the error summary shows, as the server-rendered
 * pages do, so screen reader users hear that the page has problems as soon as the title is read.
 */
export function useErrorTitle(errorCount: number): void {
  useEffect(() => {
    const prefix = t('forms.errorTitlePrefix');
    const title = document.title.startsWith(prefix) ? document.title.slice(prefix.length) : document.title;
    document.title = errorCount > 0 ? `${prefix}${title}` : title;
  }, [errorCount]);
}
