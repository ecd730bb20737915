import { numberFormats } from './intl-cache.ts';
import { currentLanguage, intlLocale, type Language } from './languages.ts';

/**
 * Numbers as each language writes them: "1,230" in English, "1230" and "12 300" in Polish (a
 * space groups thousands from five digits).
 */
const formatter = {
  decimal: numberFormats({ style: 'decimal', maximumFractionDigits: 0 }),
  percent: numberFormats({ style: 'percent', maximumFractionDigits: 0 }),
};

/** A whole number in the language's way: `formatNumber(1230, 'en')` → "1,230". */
export function formatNumber(value: number, lang: Language = currentLanguage()): string {
  return formatter.decimal(intlLocale(lang)).format(value);
}

/** A whole percentage (45 for 45 %) in the language's way: "45%" in English and Polish. */
export function formatPercent(value: number, lang: Language = currentLanguage()): string {
  return formatter.percent(intlLocale(lang)).format(value / 100);
}
